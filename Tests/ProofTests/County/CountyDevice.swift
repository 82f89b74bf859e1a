import ForumModel
import ReplicaStore
import SyncCore
import SyncProtocol

/// One enrolled device of the county: its own replica store (a real SQLite file), its
/// clock (possibly hours off), and the protocol's client loop: push pending records in
/// batches, put refused records back as the server says, then pull pages, storing the
/// cursor with each page.
final class CountyDevice {
    let name: String
    let actor: Actor
    private(set) var replica: ReplicaID
    private(set) var token: String
    private(set) var store: ReplicaStore
    private var clock = HybridClock()
    /// How far this device's wall clock is off, in ms (positive: ahead).
    let skewMillis: Int64
    /// The first simulated day the device is online again.
    var offlineUntilDay = 0
    private var batches = 0
    private let directory: String
    private var generation = 0

    init(name: String, actor: Actor, skewMillis: Int64, directory: String, server: CountyServer) throws {
        self.name = name
        self.actor = actor
        self.skewMillis = skewMillis
        self.directory = directory
        let enrolment = try server.enroll(role: actor.role, municipalities: actor.municipalities.sorted())
        replica = enrolment.replica
        token = enrolment.token
        store = try ReplicaStore(path: "\(directory)/\(name)-0.sqlite")
    }

    /// Revokes the device and enrols it again: a new replica id and an empty store. Pending
    /// writes on the old store never reached the server; the count is returned.
    func reenroll(server: CountyServer) throws -> Int {
        let abandoned = try store.pendingCount()
        try server.revoke(replica: replica)
        let enrolment = try server.enroll(role: actor.role, municipalities: actor.municipalities.sorted())
        replica = enrolment.replica
        token = enrolment.token
        generation += 1
        store = try ReplicaStore(path: "\(directory)/\(name)-\(generation).sqlite")
        clock = HybridClock()
        return abandoned
    }

    /// A local write through the domain rules, as the field client makes it: refused
    /// locally when `Authorization` says no (nothing is written then). A tampered client
    /// (`enforcingRules: false`) skips that check and leaves the refusal to the server.
    /// - Returns: whether anything was written.
    @discardableResult
    func write(_ collection: String, _ id: String, _ values: [String: JSONValue], at wallMillis: Int64,
               enforcingRules: Bool = true, ledger: inout CountyLedger) throws -> Bool {
        let before = try store.state(collection: collection, id: id)
        var after = before ?? RecordState(collection: collection, id: id)
        guard let stamp = try after.write(values, by: replica, at: clock.now(wallMillis: wallMillis + skewMillis)) else { return false }
        if enforcingRules,
           case .failure = Authorization.check(actor: actor, before: before, after: after, lookup: ReplicaLookup(store: store)) {
            return false
        }
        try store.save(after, markPending: true)
        let written = after.fields.filter { !$0.key.hasPrefix("_") && $0.value.holds(stamp.dot) }.mapValues { $0.entries[0].value }
        ledger.record(.init(key: .init(collection: collection, id: id), dot: stamp.dot, time: stamp.time, values: written,
                            contextBefore: before?.context ?? VersionVector()))
        return true
    }

    /// Resolves a field conflict keeping the shown value (an admin's resolution).
    func resolve(_ state: RecordState, field: String, at wallMillis: Int64, ledger: inout CountyLedger) throws {
        guard let winner = state.fields[field]?.winner else { return }
        var after = state
        let stamp = try after.resolve(field: field, keeping: winner.dot, by: replica, at: clock.now(wallMillis: wallMillis + skewMillis))
        guard case .success = Authorization.check(actor: actor, before: state, after: after, lookup: ReplicaLookup(store: store)) else { return }
        try store.save(after, markPending: true)
        ledger.record(.init(key: .init(collection: state.collection, id: state.id), dot: stamp.dot, time: stamp.time,
                            values: [field: winner.value], contextBefore: state.context))
    }

    /// Pushes everything pending, then pulls until the server has no more. Records the
    /// push results in the ledger, and checks each refusal against the server: it stored
    /// nothing (the record's state is byte for byte what it was before the push), and it
    /// carried the server's state exactly when the device may read the record.
    /// - Returns: the states pulled.
    @discardableResult
    func sync(server: CountyServer, ledger: inout CountyLedger, batchSize: Int = 50) throws -> [RecordState] {
        while true {
            let pending = try store.pendingChanges(limit: batchSize)
            if pending.isEmpty { break }
            batches += 1
            let request = PushRequest(batch: "\(replica.rawValue)-\(batches)", records: pending.map(\.state))
            let before = try pending.map { try server.state(collection: $0.state.collection, id: $0.state.id) }
            let (status, body) = try server.push(token: token, body: request.body)
            guard status == 200 else { throw CountyFailure("\(name): push answered \(status): \(String(decoding: body, as: UTF8.self))") }
            let response: PushResponse
            do { response = try PushResponse(body: body) } catch { throw CountyFailure("\(name): \(error)") }
            guard response.batch == request.batch, response.results.count == pending.count else {
                throw CountyFailure("\(name): push answered \(response.results.count) results for \(pending.count) records")
            }
            var resets: [(sent: RecordState, server: RecordState?)] = []
            for (index, (change, result)) in zip(pending, response.results).enumerated() {
                guard result.collection == change.state.collection, result.id == change.state.id else {
                    throw CountyFailure("\(name): push result \(index) is for another record")
                }
                ledger.pushed(change.state, by: replica, status: result.status.rawValue, reason: result.reason?.code,
                              withState: result.state != nil)
                guard result.status == .refused else { continue }
                try checkRefusal(result, before: before[index], server: server)
                resets.append((change.state, result.state))
            }
            if let time = response.serverTime { clock.observe(time) }
            try store.transaction {
                try store.acknowledge(pending)
                for reset in resets { try self.reset(reset.sent, to: reset.server) }
            }
        }
        var pulled: [RecordState] = []
        while true {
            let (status, body) = try server.pull(token: token, cursor: try store.checkpoint("cursor"), limit: 100)
            guard status == 200 else { throw CountyFailure("\(name): pull answered \(status)") }
            let page: PullPage
            do { page = try PullPage(body: body) } catch { throw CountyFailure("\(name): malformed pull page: \(error)") }
            try store.merge(page.records, checkpoint: ("cursor", page.cursor))
            pulled += page.records
            if !page.more { return pulled }
        }
    }

    /// A refusal stores nothing (PROTOCOL.md §8): the server's state of the record is
    /// byte-identical to the one before the push. Its result carries that state exactly
    /// when the device may read the record, and nothing of the record otherwise.
    private func checkRefusal(_ result: PushResult, before: RecordState?, server: CountyServer) throws {
        let record = "\(result.collection)/\(result.id.prefix(8))"
        let after = try server.state(collection: result.collection, id: result.id)
        guard after?.canonicalJSON == before?.canonicalJSON else {
            throw CountyFailure("\(name): the refusal of \(record) (\(result.reason?.code ?? "?")) changed the server's state")
        }
        let municipality = after.flatMap { ForumRules.municipality(of: $0, lookup: ServerLookup(server: server)) }
        let readable = municipality.map(actor.covers)
        if let sent = result.state {
            guard sent.canonicalJSON == after?.canonicalJSON else {
                throw CountyFailure("\(name): the refusal of \(record) carried a state other than the server's")
            }
            guard readable != false else { throw CountyFailure("\(name): the refusal of \(record) revealed a record outside its scope") }
        } else if readable == true {
            throw CountyFailure("\(name): the refusal of \(record) withheld the server's state of a record in its scope")
        }
    }

    /// Puts a refused record back (PROTOCOL.md §8): the server's state exactly, or, without
    /// one, the record leaves this replica (not a delete: nothing is written). The device
    /// writes nothing while its push is under way, so there are no later local changes to
    /// write again on top.
    private func reset(_ sent: RecordState, to server: RecordState?) throws {
        guard try store.state(collection: sent.collection, id: sent.id) == sent else {
            throw CountyFailure("\(name): \(sent.collection)/\(sent.id.prefix(8)) changed while its push was under way")
        }
        if let server {
            try store.save(server)
        } else {
            try store.purge(collection: sent.collection, id: sent.id)
        }
    }

    /// The canonical JSON of every state held, undecoded.
    func allCanonicalJSON() throws -> [[UInt8]] { try store.rawChanges(since: 0, limit: 1_000_000).rows.map(\.json) }

    /// Every state held, sorted by collection and id.
    func allStates() throws -> [RecordState] {
        try ForumRules.collections.sorted().flatMap { try store.records(in: $0, includeDeleted: true, limit: 1_000_000) }
    }
}
