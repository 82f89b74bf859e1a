import Foundation
import ForumModel
import ReplicaStore
import SyncCore
import SyncProtocol
import TestSupport

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
    /// The simulation's wall clock (ms since 1970), which the store's change times follow;
    /// `nil`: the system's.
    private let wallClock: ManualClock?
    /// The horizons the server last announced (PROTOCOL.md §14c, §14d).
    private(set) var retentionDays: Int?
    private(set) var tombstoneDays: Int?
    /// Resyncs from the beginning the server asked for, and what they swept.
    private(set) var resyncs = 0, resyncRemoved = 0, resyncKept = 0

    init(name: String, actor: Actor, skewMillis: Int64, directory: String, server: CountyServer,
         wallClock: ManualClock? = nil) throws {
        self.name = name
        self.actor = actor
        self.skewMillis = skewMillis
        self.directory = directory
        self.wallClock = wallClock
        let enrolment = try server.enroll(role: actor.role, municipalities: actor.municipalities.sorted())
        replica = enrolment.replica
        token = enrolment.token
        store = try Self.openStore("\(directory)/\(name)-0.sqlite", wallClock: wallClock)
    }

    private static func openStore(_ path: String, wallClock: ManualClock?) throws -> ReplicaStore {
        let store = try ReplicaStore(path: path)
        if let wallClock { store.clock = WallClock { wallClock.now } }
        return store
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
        store = try Self.openStore("\(directory)/\(name)-\(generation).sqlite", wallClock: wallClock)
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

    /// Deletes a record (PROTOCOL.md §8) through the domain rules, as the field client does.
    /// - Returns: whether anything was written.
    @discardableResult
    func delete(_ collection: String, _ id: String, at wallMillis: Int64, ledger: inout CountyLedger) throws -> Bool {
        guard let before = try store.state(collection: collection, id: id), !before.isDeleted else { return false }
        var after = before
        let stamp = after.delete(by: replica, at: clock.now(wallMillis: wallMillis + skewMillis))
        guard case .success = Authorization.check(actor: actor, before: before, after: after, lookup: ReplicaLookup(store: store)) else {
            return false
        }
        try store.save(after, markPending: true)
        ledger.record(.init(key: .init(collection: collection, id: id), dot: stamp.dot, time: stamp.time, values: [:],
                            contextBefore: before.context, clears: true))
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
        var pulled: [RecordState] = []
        do {
            try push(server: server, ledger: &ledger, batchSize: batchSize)
        } catch is ResyncRequired {
            // Tombstones were purged while this device was away: from the beginning, then push (§14d).
            pulled = try resync(server: server, ledger: &ledger)
            try push(server: server, ledger: &ledger, batchSize: batchSize)
        }
        pulled += try pull(server: server, ledger: &ledger)
        let now = wallClock?.now ?? Int64(Date().timeIntervalSince1970 * 1000)
        try purgeTombstones(now: now)
        if actor.role == .facilitator { try applyRetention(now: now) }
        return pulled
    }

    /// The server's `410 resync_required`.
    private struct ResyncRequired: Error {}

    private func push(server: CountyServer, ledger: inout CountyLedger, batchSize: Int) throws {
        while true {
            let pending = try store.pendingChanges(limit: batchSize)
            if pending.isEmpty { break }
            batches += 1
            let request = PushRequest(batch: "\(replica.rawValue)-\(batches)", records: pending.map(\.state))
            let before = try pending.map { try server.state(collection: $0.state.collection, id: $0.state.id) }
            let (status, body) = try server.push(token: token, body: request.body)
            if status == 410 { throw ResyncRequired() }
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
    }

    /// Pulls until the server has no more; a cursor behind purged tombstones starts a resync.
    private func pull(server: CountyServer, ledger: inout CountyLedger) throws -> [RecordState] {
        var pulled: [RecordState] = []
        while true {
            let cursor = try store.checkpoint("cursor")
            let (status, body) = try server.pull(token: token, cursor: cursor, limit: 100)
            if status == 410, cursor != nil { return pulled + (try resync(server: server, ledger: &ledger)) }
            guard status == 200 else { throw CountyFailure("\(name): pull answered \(status)") }
            let page = try store(page: body)
            pulled += page.records
            if !page.more { return pulled }
        }
    }

    /// Stores one page with its cursor (PROTOCOL.md §14, §14b, §14d) and notes the horizons.
    private func store(page body: [UInt8]) throws -> PullPage {
        let page: PullPage
        do { page = try PullPage(body: body) } catch { throw CountyFailure("\(name): malformed pull page: \(error)") }
        retentionDays = page.retentionDays
        tombstoneDays = page.tombstoneDays
        try store.transaction {
            // A synced tombstone whose delete the pulled state no longer knows was purged
            // on the server: the state is the record written anew (§14d).
            let tombstones = try store.syncedTombstoneKeys()
            for record in page.records where tombstones.contains(record.collection + "/" + record.id) {
                if let held = try store.state(collection: record.collection, id: record.id), held.isForgottenDelete(by: record) {
                    try store.purge(collection: record.collection, id: record.id)
                }
            }
            try store.merge(page.records, checkpoint: ("cursor", page.cursor))
            for record in page.forget { try store.purge(collection: record.collection, id: record.id) }
        }
        return page
    }

    /// §14d's resync: every page from the beginning, then what the server no longer sent
    /// goes when synced, and stays when unsynced (rewritten as this device's own write when
    /// it holds writes of others, which the server can no longer know).
    private func resync(server: CountyServer, ledger: inout CountyLedger) throws -> [RecordState] {
        resyncs += 1
        try store.removeCheckpoint("cursor")
        var pulled: [RecordState] = []
        while true {
            let (status, body) = try server.pull(token: token, cursor: try store.checkpoint("cursor"), limit: 100)
            guard status == 200 else { throw CountyFailure("\(name): resync pull answered \(status)") }
            let page = try store(page: body)
            pulled += page.records
            if !page.more { break }
        }
        let received = Set(pulled.map { $0.collection + "/" + $0.id })
        try store.transaction {
            for key in try store.allKeys() where !received.contains(key.collection + "/" + key.id) {
                guard key.pending, let state = try store.state(collection: key.collection, id: key.id), !state.isDeleted,
                      case let values = state.visibleValues.filter({ !$0.key.hasPrefix("_") }), !values.isEmpty else {
                    try store.purge(collection: key.collection, id: key.id)
                    resyncRemoved += 1
                    continue
                }
                guard state.context.sorted.contains(where: { $0.replica != replica }) else { continue }
                let before = VersionVector([replica: state.context[replica]])
                var fresh = try RecordState(collection: key.collection, id: key.id, context: before, fields: [:])
                let time = clock.now(wallMillis: (wallClock?.now ?? 0) + skewMillis)
                if let stamp = try fresh.write(values, by: replica, at: time) {
                    ledger.record(.init(key: .init(collection: key.collection, id: key.id), dot: stamp.dot, time: stamp.time,
                                        values: values, contextBefore: before))
                }
                try store.save(fresh, markPending: true)
                resyncKept += 1
            }
        }
        return pulled
    }

    /// Drops tombstones that changed here more than the announced horizon ago (§14d).
    private func purgeTombstones(now: Int64) throws {
        guard let days = tombstoneDays else { return }
        for tombstone in try store.tombstones(changedBefore: now - Int64(days) * 86_400_000) {
            try store.purge(collection: tombstone.collection, id: tombstone.id)
        }
    }

    /// §14c on a facilitator's device: participants all of whose attended forums ended more
    /// than the retention ago, with nothing of theirs pending, leave.
    private func applyRetention(now: Int64) throws {
        guard let days = retentionDays else { return }
        for participant in try Self.retainedParticipants(in: try allStates(), pending: try store.pendingKeys(),
                                                         now: now, days: days) {
            try store.purge(collection: Participant.collection, id: participant)
        }
    }

    /// The participants §14c removes from a facilitator's device holding `states`.
    static func retainedParticipants(in states: [RecordState], pending: Set<String>, now: Int64, days: Int) -> [String] {
        let horizon = Date(timeIntervalSince1970: Double(now - Int64(days) * 86_400_000) / 1000)
        let forums = Dictionary(states.filter { $0.collection == Forum.collection && !$0.isDeleted }.compactMap { state in
            (try? Forum(state)).map { (state.id, $0) }
        }) { first, _ in first }
        let held = Set(states.filter { $0.collection == Participant.collection && !$0.isDeleted }.map(\.id))
        var last: [String: Date] = [:], blocked = Set<String>()
        for attendance in states where attendance.collection == Attendance.collection && !attendance.isDeleted {
            guard let participant = attendance[Attendance.Field.participantID]?.stringValue,
                  let forumID = attendance[Attendance.Field.forumID]?.stringValue else { continue }
            if pending.contains(Attendance.collection + "/" + attendance.id)
                || pending.contains(Honorarium.collection + "/" + Honorarium.id(attendanceID: attendance.id)) {
                blocked.insert(participant)
            }
            guard let forum = forums[forumID] else { blocked.insert(participant); continue }
            last[participant] = max(last[participant] ?? .distantPast, forum.end)
        }
        return last.filter { $0.value < horizon && !blocked.contains($0.key) && held.contains($0.key)
            && !pending.contains(Participant.collection + "/" + $0.key) }.map(\.key).sorted()
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
