import ForumModel
import ReplicaStore
import SyncCore

/// A minimal in-process server with the protocol's push and pull semantics: merge, the
/// domain's `Authorization`, compensating writes for refusals, scope by municipality tags
/// and a per-device tag for compensations. Used until the real `SyncServer` is available
/// to the simulation; it has no replay cache and no forged-history check.
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
        guard let device = devices[token], !device.revoked else { return (401, Array(#"{"error":{"code":"invalid_token"}}"#.utf8)) }
        let json = try JSONParser().parse(body)
        guard let batch = json["batch"]?.stringValue, let items = json["records"]?.arrayValue else {
            return (400, Array(#"{"error":{"code":"invalid_request"}}"#.utf8))
        }
        var results: [JSONValue] = []
        try store.transaction {
            for item in items {
                let incoming = try RecordState(json: item)
                let existing = try store.state(collection: incoming.collection, id: incoming.id)
                let merged = try existing.map { try $0.merged(with: incoming) } ?? incoming
                var result: [String: JSONValue] = ["collection": .string(incoming.collection), "id": .string(incoming.id)]
                if merged == existing {
                    result["status"] = "unchanged"
                } else if case .failure(let refusal) = Authorization.check(actor: device.actor, before: existing, after: merged,
                                                                              lookup: ReplicaLookup(store: store)) {
                    let compensation = try RecordState.compensation(previous: existing, refused: incoming, by: .server,
                                                                    at: clock.now(wallMillis: wallClock()))
                    var tags = try tags(for: compensation)
                    tags.append("d:" + device.replica.rawValue)
                    try store.save(compensation, annotations: RecordAnnotations(tags: tags))
                    result["status"] = "refused"
                    result["reason"] = .object(["code": .string(refusal.code.rawValue), "message": "refused"])
                } else {
                    let saved = try store.save(merged, annotations: RecordAnnotations(tags: try tags(for: merged)))
                    result["status"] = saved.outcome == .conflict ? "conflict" : "merged"
                }
                results.append(.object(result))
            }
        }
        let time = clock.now(wallMillis: wallClock())
        let response: JSONValue = ["batch": .string(batch), "results": .array(results),
                                   "serverTime": [.integer(time.wallMillis), .integer(Int64(time.logical))]]
        return (200, JSONWriter.bytes(response))
    }

    func pull(token: String, cursor: String?, limit: Int) throws -> (status: Int, body: [UInt8]) {
        guard let device = devices[token], !device.revoked else { return (401, Array(#"{"error":{"code":"invalid_token"}}"#.utf8)) }
        let since = Int64(cursor ?? "0") ?? 0
        let tags = device.actor.municipalities.map { "m:" + $0 } + ["d:" + device.replica.rawValue]
        let page = try store.changes(since: since, limit: limit, tags: tags)
        let body: JSONValue = ["records": .array(page.changes.map(\.state.jsonValue)),
                               "cursor": .string(String(page.nextSequence)), "more": .bool(page.hasMore)]
        return (200, JSONWriter.bytes(body))
    }

    func state(collection: String, id: String) throws -> RecordState? { try store.state(collection: collection, id: id) }

    func allCanonicalJSON() throws -> Set<[UInt8]> { Set(try store.rawChanges(since: 0, limit: 1_000_000).rows.map(\.json)) }

    func allStates() throws -> [RecordState] {
        try ForumRules.collections.sorted().flatMap { try store.records(in: $0, includeDeleted: true, limit: 1_000_000) }
    }

    /// Municipality tags; a record keeps the tags it had (deletes clear what scope is read from).
    private func tags(for state: RecordState) throws -> [String] {
        var tags = Set<String>()
        if let municipality = ForumRules.municipality(of: state, lookup: ReplicaLookup(store: store)) {
            tags.insert("m:" + municipality)
        }
        if let stored = try? store.state(collection: state.collection, id: state.id),
           let municipality = ForumRules.municipality(of: stored, lookup: ReplicaLookup(store: store)) {
            tags.insert("m:" + municipality)
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
