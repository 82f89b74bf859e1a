import ForumModel
import ReplicaStore
import SyncCore
import SyncProtocol

/// A minimal in-process server with the protocol's push and pull semantics: merge, the
/// domain's `Authorization`, refusals that store nothing (PROTOCOL.md §8), and scope by
/// municipality tags. A cross-check of the simulation itself, independent of `SyncServer`;
/// it has no replay cache and none of §8a's integrity checks.
final class StandInCountyServer: CountyServer {
    private let store: ReplicaStore
    private var devices: [String: (replica: ReplicaID, actor: Actor, revoked: Bool)] = [:]
    private var clock = HybridClock()
    private let wallClock: () -> Int64

    init(path: String, wallClock: @escaping () -> Int64) throws {
        store = try ReplicaStore(path: path)
        self.wallClock = wallClock
    }

    func enroll(role: Role, municipalities: [String]) throws -> (replica: ReplicaID, token: String) {
        guard let replica = ReplicaID("dev-\(devices.count + 1)") else { throw CountyFailure("bad replica id") }
        let token = "token-\(devices.count + 1)"
        devices[token] = (replica, Actor(role: role, municipalities: Set(municipalities)), false)
        return (replica, token)
    }

    func revoke(replica: ReplicaID) throws {
        for (token, device) in devices where device.replica == replica { devices[token]?.revoked = true }
    }

    func push(token: String, body: [UInt8]) throws -> (status: Int, body: [UInt8]) {
        guard let device = devices[token], !device.revoked else {
            return (401, WireError(.invalidToken, "The token is not valid.").body)
        }
        guard let json = try? JSONParser().parse(body) else { return (400, WireError(.invalidJSON, "The body is not valid JSON.").body) }
        let request: PushRequest
        do { request = try PushRequest(json: json, limits: .init(), collections: ForumRules.collections) } catch {
            return (400, error.body)
        }
        var results: [PushResult] = []
        try store.transaction {
            for incoming in request.records {
                results.append(try apply(incoming, from: device.actor))
            }
        }
        let response = PushResponse(batch: request.batch, results: results, serverTime: clock.now(wallMillis: wallClock()))
        return (200, response.body)
    }

    /// Merges one record. A refused record stores nothing; its result carries the stored
    /// state only when the device may read it (PROTOCOL.md §8), nothing of it otherwise.
    private func apply(_ incoming: RecordState, from actor: Actor) throws -> PushResult {
        let existing = try store.state(collection: incoming.collection, id: incoming.id)
        let merged = try existing.map { try $0.merged(with: incoming) } ?? incoming
        if merged == existing {
            return PushResult(collection: incoming.collection, id: incoming.id, status: .unchanged)
        }
        let stored = try storedMunicipalities(collection: incoming.collection, id: incoming.id)
        if case .failure(let refusal) = Authorization.check(actor: actor, before: existing, after: merged, written: incoming,
                                                             storedScope: stored, lookup: ReplicaLookup(store: store)) {
            let readable = existing != nil && !stored.isDisjoint(with: actor.municipalities)
            return PushResult(collection: incoming.collection, id: incoming.id, status: .refused,
                              reason: RecordRefusal(code: refusal.code.rawValue, message: refusal.message, parameters: refusal.params),
                              state: readable ? existing : nil)
        }
        let saved = try store.save(merged, annotations: RecordAnnotations(tags: try tags(for: merged)))
        return PushResult(collection: incoming.collection, id: incoming.id, status: saved.outcome == .conflict ? .conflict : .merged)
    }

    func pull(token: String, cursor: String?, limit: Int) throws -> (status: Int, body: [UInt8]) {
        guard let device = devices[token], !device.revoked else {
            return (401, WireError(.invalidToken, "The token is not valid.").body)
        }
        let since = Int64(cursor ?? "0") ?? 0
        // As the server's pull: states, and forget entries for records that left the scope.
        let page = try store.rawFeed(since: since, limit: limit, tags: device.actor.municipalities.map { "m:" + $0 })
        let next = page.rows.last?.sequence ?? since
        return (200, PullPage.body(canonicalRecords: page.rows.compactMap(\.json), cursor: String(next), more: page.hasMore,
                                   forget: page.rows.filter { $0.json == nil }.map { ForgottenRecord(collection: $0.collection, id: $0.id) }))
    }

    func state(collection: String, id: String) throws -> RecordState? { try store.state(collection: collection, id: id) }

    func allCanonicalJSON() throws -> Set<[UInt8]> { Set(try store.rawChanges(since: 0, limit: 1_000_000).rows.map(\.json)) }

    func allStates() throws -> [RecordState] {
        try ForumRules.collections.sorted().flatMap { try store.records(in: $0, includeDeleted: true, limit: 1_000_000) }
    }

    /// The municipalities a stored record is filed under (its `m:` tags); empty when unknown.
    private func storedMunicipalities(collection: String, id: String) throws -> Set<String> {
        Set(try store.tags(collection: collection, id: id).filter { $0.hasPrefix("m:") }.map { String($0.dropFirst(2)) })
    }

    /// The record's municipality tag; a deleted record, or one whose municipality cannot be
    /// read, keeps the tags it had (a delete clears the fields scope is read from).
    private func tags(for state: RecordState) throws -> [String] {
        var tags = Set<String>()
        if let municipality = ForumRules.municipality(of: state, lookup: ReplicaLookup(store: store)) {
            tags.insert("m:" + municipality)
        }
        if state.isDeleted || tags.isEmpty {
            tags.formUnion(try storedMunicipalities(collection: state.collection, id: state.id).map { "m:" + $0 })
        }
        return tags.sorted()
    }
}

/// `RecordLookup` over a replica store, for the domain rules.
struct ReplicaLookup: RecordLookup {
    let store: ReplicaStore

    func state(collection: String, id: String) -> RecordState? { try? store.state(collection: collection, id: id) }

    func states(collection: String) -> [RecordState] {
        (try? store.records(in: collection, includeDeleted: true, limit: 1_000_000)) ?? []
    }
}
