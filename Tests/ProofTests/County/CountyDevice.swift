import ForumModel
import ReplicaStore
import SyncCore

/// One enrolled device of the county: its own replica store (a real SQLite file), its
/// clock (possibly hours off), and the protocol's client loop: push pending records in
/// batches, then pull pages, storing the cursor with each page.
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
    /// locally when `Authorization` says no (nothing is written then).
    /// - Returns: whether anything was written.
    @discardableResult
    func write(_ collection: String, _ id: String, _ values: [String: JSONValue], at wallMillis: Int64,
               ledger: inout CountyLedger) throws -> Bool {
        let before = try store.state(collection: collection, id: id)
        var after = before ?? RecordState(collection: collection, id: id)
        guard let stamp = try after.write(values, by: replica, at: clock.now(wallMillis: wallMillis + skewMillis)) else { return false }
        guard case .success = Authorization.check(actor: actor, before: before, after: after, lookup: ReplicaLookup(store: store)) else {
            return false
        }
        try store.save(after, markPending: true)
        let written = after.fields.filter { !$0.key.hasPrefix("_") && $0.value.holds(stamp.dot) }.mapValues { $0.entries[0].value }
        ledger.record(.init(key: .init(collection: collection, id: id), dot: stamp.dot, values: written,
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
        ledger.record(.init(key: .init(collection: state.collection, id: state.id), dot: stamp.dot,
                            values: [field: winner.value], contextBefore: state.context))
    }

    /// Pushes everything pending, then pulls until the server has no more. Records the
    /// push results, and the server writes of each compensation, in the ledger.
    /// - Returns: the states pulled.
    @discardableResult
    func sync(server: CountyServer, ledger: inout CountyLedger, batchSize: Int = 50) throws -> [RecordState] {
        while true {
            let pending = try store.pendingChanges(limit: batchSize)
            if pending.isEmpty { break }
            batches += 1
            let batch = "\(replica.rawValue)-\(batches)"
            var body = Array(#"{"batch":""#.utf8) + Array(batch.utf8) + Array(#"","records":["#.utf8)
            for (index, change) in pending.enumerated() {
                if index > 0 { body.append(UInt8(ascii: ",")) }
                change.state.writeCanonicalJSON(into: &body)
            }
            body.append(contentsOf: Array("]}".utf8))
            var before: [CountyLedger.RecordKey: RecordState?] = [:]
            for change in pending {
                before[.init(collection: change.state.collection, id: change.state.id)] =
                    try server.state(collection: change.state.collection, id: change.state.id)
            }
            let (status, response) = try server.push(token: token, body: body)
            guard status == 200 else { throw CountyFailure("\(name): push answered \(status): \(String(decoding: response, as: UTF8.self))") }
            let json = try JSONParser().parse(response)
            guard let results = json["results"]?.arrayValue, results.count == pending.count else {
                throw CountyFailure("\(name): push answered \(json["results"]?.arrayValue?.count ?? -1) results for \(pending.count) records")
            }
            for (change, result) in zip(pending, results) {
                let status = result["status"]?.stringValue ?? "?"
                ledger.pushed(change.state, by: replica, status: status, reason: result["reason"]?["code"]?.stringValue)
                if status == "refused", let after = try server.state(collection: change.state.collection, id: change.state.id) {
                    ledger.serverWrites(before: before[.init(collection: after.collection, id: after.id)] ?? nil, after: after)
                }
            }
            if let time = json["serverTime"]?.arrayValue, time.count == 2, let millis = time[0].integerValue {
                clock.observe(HybridTimestamp(wallMillis: millis, logical: UInt32(clamping: time[1].integerValue ?? 0)))
            }
            try store.acknowledge(pending)
        }
        var pulled: [RecordState] = []
        while true {
            let (status, response) = try server.pull(token: token, cursor: try store.checkpoint("cursor"), limit: 100)
            guard status == 200 else { throw CountyFailure("\(name): pull answered \(status)") }
            let json = try JSONParser().parse(response)
            guard let items = json["records"]?.arrayValue, let cursor = json["cursor"]?.stringValue,
                  let more = json["more"]?.boolValue else { throw CountyFailure("\(name): malformed pull page") }
            var states: [RecordState] = []
            for item in items { states.append(try RecordState(json: item)) }
            try store.merge(states, checkpoint: ("cursor", cursor))
            pulled += states
            if !more { return pulled }
        }
    }

    /// The canonical JSON of every state held, undecoded.
    func allCanonicalJSON() throws -> [[UInt8]] { try store.rawChanges(since: 0, limit: 1_000_000).rows.map(\.json) }

    /// Every state held, sorted by collection and id.
    func allStates() throws -> [RecordState] {
        try ForumRules.collections.sorted().flatMap { try store.records(in: $0, includeDeleted: true, limit: 1_000_000) }
    }
}
