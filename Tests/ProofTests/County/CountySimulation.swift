import Foundation
import ForumModel
import SyncCore
import TestSupport

/// A seeded simulation of a county over months: three municipalities, each with a
/// coordinator and two facilitators who are offline for days at a time, an admin who
/// resolves conflicts, devices revoked and enrolled again, and clocks hours off. Now and
/// then a device runs a tampered client that skips its own rules just before it syncs,
/// so the server refuses: records it holds and the device may read, records outside the
/// device's scope, and records the server has never seen. Every device has its own
/// replica store; the server is a `CountyServer`.
///
/// Invariants are checked continuously: every refusal left the server's state of the
/// record byte-identical and answered with that state exactly when the device may read
/// it; after every device's sync its records are byte-identical to the server's and
/// within its scope; after every day the ledger check (no acknowledged write lost, no
/// conflict dropped, no refused write on the server) and natural keys are unique. At the
/// end every device holds exactly the server's records of its scope.
final class CountySimulation {
    struct Statistics: CustomStringConvertible {
        var days = 0, writes = 0, syncs = 0, reenrolments = 0, resolutions = 0, conflictsSeen = 0, tampered = 0
        var deletes = 0, purged = 0
        var description: String { "days \(days), writes \(writes), syncs \(syncs), re-enrolments \(reenrolments), conflicts seen \(conflictsSeen), resolutions \(resolutions), tampered writes \(tampered), deletes \(deletes), tombstones purged \(purged)" }
    }

    /// The data lifecycle (issue 17): participants who come and go, mistaken participants
    /// deleted days later, a long absence of one facilitator per municipality each year,
    /// and a server that purges tombstones and keeps facilitators' laptops to the retention.
    struct Lifecycle {
        /// The server's tombstone horizon and laptop retention (days).
        var tombstoneDays = 30, retentionDays = 30
        /// How long the yearly absence lasts (days): longer than the horizon, so the server
        /// stops waiting for the absent laptop and it resyncs when it is back.
        var absenceDays = 50
        /// How long a participant keeps coming to forums (days).
        var participationDays = 120
    }

    /// What the data-lifecycle run measured at the end of each simulated quarter.
    struct Quarter: CustomStringConvertible {
        var day = 0, serverRecords = 0, serverTombstones = 0, oldestTombstoneDays = 0, serverBytes = 0
        var mostDeviceTombstones = 0, mostFacilitatorParticipants = 0, purged = 0, resyncs = 0
        var description: String {
            "day \(day): server \(serverRecords) records, \(serverTombstones) tombstones (oldest \(oldestTombstoneDays) d), \(serverBytes / 1024) KiB; most tombstones on a device \(mostDeviceTombstones); most participants on a facilitator laptop \(mostFacilitatorParticipants); purged so far \(purged); resyncs \(resyncs)"
        }
    }

    static let municipalities = ["Nacka", "Norrtälje", "Södertälje"]
    static let dayMillis: Int64 = 86_400_000
    static let startMillis: Int64 = 1_767_600_000_000 // 2026-01-05

    let seed: UInt64
    private var random: SeededGenerator
    /// Decides the tampered writes; a stream of its own, so they leave the rest of the
    /// workload's random choices where they were.
    private var mischief: SeededGenerator
    private let server: CountyServer
    private var devices: [CountyDevice] = []
    private(set) var ledger = CountyLedger()
    private(set) var statistics = Statistics()
    private var forumCount: [String: Int] = [:]
    /// Set for a data-lifecycle run, with the simulation's wall clock (the server's too).
    private let lifecycle: Lifecycle?
    private let wallClock: ManualClock?
    /// Participants who come to forums, until which day; mistaken ones, to delete on a day.
    private var participatesUntil: [String: Int] = [:]
    private var mistakes: [String: (municipality: String, deleteOn: Int)] = [:]
    private(set) var quarters: [Quarter] = []

    init(seed: UInt64, server: CountyServer, directory: String, lifecycle: Lifecycle? = nil, wallClock: ManualClock? = nil) throws {
        self.lifecycle = lifecycle
        self.wallClock = wallClock
        self.seed = seed
        random = SeededGenerator(seed: seed)
        mischief = SeededGenerator(seed: seed ^ 0x7A3B_EDC0_FFEE_0001)
        self.server = server
        for municipality in Self.municipalities {
            for (name, role) in [("coordinator", Role.coordinator), ("facilitator1", .facilitator), ("facilitator2", .facilitator)] {
                try devices.append(makeDevice("\(name)-\(municipality.prefix(3).lowercased())",
                                              Actor(role: role, municipalities: [municipality]), directory))
            }
        }
        try devices.append(makeDevice("admin", Actor(role: .admin, municipalities: Set(Self.municipalities)), directory))
    }

    private func makeDevice(_ name: String, _ actor: Actor, _ directory: String) throws -> CountyDevice {
        // A third of the devices have a clock one to six hours off, either way.
        let skew: Int64 = Int.random(in: 0..<3, using: &random) == 0
            ? Int64.random(in: 1...6, using: &random) * 3_600_000 * (Bool.random(using: &random) ? 1 : -1) : 0
        return try CountyDevice(name: name, actor: actor, skewMillis: skew,
                                directory: directory, server: server, wallClock: wallClock)
    }

    /// Runs `days` simulated days, then brings every device online and checks convergence.
    func run(days: Int) throws {
        for day in 0..<days {
            wallClock?.now = Self.startMillis + Int64(day) * Self.dayMillis + 18 * 3_600_000
            try simulate(day: day)
            if lifecycle != nil { try purgeOnServer() }
            try ledger.check { try server.state(collection: $0.collection, id: $0.id) }
            try checkNaturalKeys()
            statistics.days += 1
            if lifecycle != nil, (day + 1) % 91 == 0 || day + 1 == days { try measureQuarter(day: day + 1) }
        }
        for device in devices { device.offlineUntilDay = 0 }
        for _ in 0..<2 { for device in devices { try sync(device) } }
        try ledger.check { try server.state(collection: $0.collection, id: $0.id) }
        try checkConverged()
    }

    // MARK: - One day

    private func simulate(day: Int) throws {
        let morning = Self.startMillis + Int64(day) * Self.dayMillis + 8 * 3_600_000
        for device in devices.shuffled(using: &random) {
            let online = day >= device.offlineUntilDay
            switch device.actor.role {
            case .coordinator:
                try coordinate(device, day: day, at: morning)
            case .facilitator:
                try facilitate(device, day: day, at: morning + 2 * 3_600_000)
                if let lifecycle, device.name.hasPrefix("facilitator1"), let index = Self.municipalities.firstIndex(where: {
                    device.actor.covers($0) }), day % 365 == 100 + 30 * index {
                    device.offlineUntilDay = max(device.offlineUntilDay, day + lifecycle.absenceDays)
                }
                if online, Int.random(in: 0..<100, using: &random) < 15 {
                    device.offlineUntilDay = day + 1 + Int.random(in: 1...6, using: &random)
                }
                // (A laptop away for its yearly absence is not re-enrolled meanwhile: that would
                // hand it a fresh store and skip the resync the absence is there to exercise.)
                if day > 0, Int.random(in: 0..<100, using: &random) == 0, lifecycle == nil || day >= device.offlineUntilDay {
                    ledger.abandon(try device.reenroll(server: server))
                    statistics.reenrolments += 1
                    try sync(device)
                }
            case .admin:
                if day % 3 == 2 { try sync(device); try resolveConflicts(device, at: morning + 9 * 3_600_000) }
            }
            if day >= device.offlineUntilDay, Int.random(in: 0..<10, using: &random) < 9 {
                if device.actor.role != .admin, Int.random(in: 0..<8, using: &mischief) == 0 {
                    try tamper(device, at: morning + 4 * 3_600_000)
                }
                try sync(device)
            }
        }
    }

    /// One write the domain forbids, from a client that skips its own check; the device
    /// syncs right after, so the server refuses it before anything else reads it.
    private func tamper(_ device: CountyDevice, at time: Int64) throws {
        let honoraria = try device.store.records(in: Honorarium.collection, limit: 100_000)
        var write: (collection: String, id: String, values: [String: JSONValue])?
        switch Int.random(in: 0..<3, using: &mischief) {
        case 0:   // an amount above the maximum: refused, answered with the server's state when it holds the record.
                  // (Concurrent with another amount write that wins, it is stored as the losing side of a
                  // conflict instead: the domain judges the shown value, and the admin resolves it.)
            if let state = honoraria.randomElement(using: &mischief) {
                write = (Honorarium.collection, state.id, [Honorarium.Field.amount: .integer(1_000_000)])
            }
        case 1:   // a facilitator approving (a coordinator's field): role_forbidden
            if device.actor.role == .facilitator, let state = honoraria.randomElement(using: &mischief),
               let honorarium = try? Honorarium(state) {
                write = (Honorarium.collection, state.id, honorarium.approvalFields())
            }
        default:  // another municipality's first forum: outside its scope, answered without a state
            let others = Self.municipalities.filter { !device.actor.covers($0) }
            if let other = others.randomElement(using: &mischief) {
                write = (Forum.collection, RecordID.derived(collection: Forum.collection, naturalKey: [other, "1"]),
                         [Forum.Field.title: .string("Kapad")])
            }
        }
        guard let write else { return }
        if try device.write(write.collection, write.id, write.values, at: time, enforcingRules: false, ledger: &ledger) {
            statistics.tampered += 1
        }
    }

    private func coordinate(_ device: CountyDevice, day: Int, at time: Int64) throws {
        guard let municipality = device.actor.municipalities.first else { return }
        if day == 0 {
            for index in 0..<6 {
                let id = RecordID.derived(collection: Participant.collection, naturalKey: [municipality, "p\(index)"])
                let person = Participant(id: id, displayName: "Deltagare \(index)", municipality: municipality,
                                         anonymous: index % 2 == 0, consentGiven: true, consentDate: "2026-01-05")
                try write(device, Participant.collection, id, person.fields, time)
                if let lifecycle { participatesUntil[id] = lifecycle.participationDays + 20 * index }
            }
        }
        if let lifecycle {
            // Newcomers every month, each coming for a while; a participant registered by
            // mistake every ten days, deleted a few days later.
            if day > 0, day % 30 == 0 {
                for index in 0..<2 {
                    let id = RecordID.derived(collection: Participant.collection, naturalKey: [municipality, "d\(day)-\(index)"])
                    let person = Participant(id: id, displayName: "Ny deltagare \(day)-\(index)", municipality: municipality)
                    try write(device, Participant.collection, id, person.fields, time)
                    participatesUntil[id] = day + lifecycle.participationDays
                }
            }
            if day % 10 == 5 {
                let id = RecordID.derived(collection: Participant.collection, naturalKey: [municipality, "mistake-\(day)"])
                let person = Participant(id: id, displayName: "Felregistrerad \(day)", municipality: municipality)
                try write(device, Participant.collection, id, person.fields, time)
                mistakes[id] = (municipality, day + Int.random(in: 2...5, using: &random))
            }
            for (id, mistake) in mistakes.sorted(by: { $0.key < $1.key }) where mistake.municipality == municipality && mistake.deleteOn <= day {
                if try device.delete(Participant.collection, id, at: time + 30_000, ledger: &ledger) { statistics.deletes += 1 }
                if try device.store.state(collection: Participant.collection, id: id)?.isDeleted ?? true { mistakes[id] = nil }
            }
        }
        if day % 14 == 0 {
            let number = forumCount[municipality, default: 0] + 1
            forumCount[municipality] = number
            let start = Date(timeIntervalSince1970: Double(time) / 1000 + 86_400)
            let forum = Forum(id: RecordID.derived(collection: Forum.collection, naturalKey: [municipality, "\(number)"]),
                              municipality: municipality, title: "Forum \(number)", kind: .deltagarforum,
                              start: start, end: start.addingTimeInterval(3 * 3600), defaultHonorariumKronor: 900, status: .held)
            try write(device, Forum.collection, forum.id, forum.fields, time)
        }
        let honoraria = try device.store.records(in: Honorarium.collection, limit: 100_000).filter { !$0.hasConflict }
        for state in honoraria {
            guard let honorarium = try? Honorarium(state) else { continue }
            if day % 7 == 3, honorarium.status == .proposed {
                try write(device, Honorarium.collection, state.id, honorarium.approvalFields(), time + 60_000)
            } else if day % 7 == 5, honorarium.status == .approved {
                try write(device, Honorarium.collection, state.id,
                          honorarium.paymentFields(paidDate: String(RecordTime.string(Date(timeIntervalSince1970: Double(time) / 1000)).prefix(10)), method: .bankTransfer), time + 120_000)
            } else if honorarium.status == .proposed, Int.random(in: 0..<20, using: &random) == 0 {
                try write(device, Honorarium.collection, state.id, [Honorarium.Field.amount: .integer(randomAmount())], time)
            }
        }
    }

    private func facilitate(_ device: CountyDevice, day: Int, at time: Int64) throws {
        guard let municipality = device.actor.municipalities.first else { return }
        let forums = try device.store.records(in: Forum.collection, limit: 100_000)
        var people = try device.store.records(in: Participant.collection, limit: 100_000)
        if lifecycle != nil { people.removeAll { (participatesUntil[$0.id] ?? -1) < day } }
        // In the data-lifecycle run people come to the latest forum (derived ids put the
        // forums in no particular order), so who attends recently stays on the laptop.
        let latest = lifecycle == nil ? forums.last
            : forums.max { ((try? Forum($0))?.start ?? .distantPast) < ((try? Forum($1))?.start ?? .distantPast) }
        if let forum = latest, !people.isEmpty, Int.random(in: 0..<10, using: &random) < 6 {
            for person in people.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)) {
                let attendance = Attendance(forumID: forum.id, participantID: person.id, role: .participant)
                if try device.store.state(collection: Attendance.collection, id: attendance.id) == nil {
                    try write(device, Attendance.collection, attendance.id, attendance.fields, time)
                }
                let honorarium = Honorarium(attendanceID: attendance.id, amount: 900, payerMunicipality: municipality)
                if try device.store.state(collection: Honorarium.collection, id: honorarium.id) == nil {
                    try write(device, Honorarium.collection, honorarium.id, honorarium.fields, time + 1000)
                }
            }
        }
        let honoraria = try device.store.records(in: Honorarium.collection, limit: 100_000)
        if let state = honoraria.randomElement(using: &random), Int.random(in: 0..<10, using: &random) < 3 {
            try write(device, Honorarium.collection, state.id, [Honorarium.Field.amount: .integer(randomAmount())], time + 2000)
        }
        let attendances = try device.store.records(in: Attendance.collection, limit: 100_000)
        if let state = attendances.randomElement(using: &random), Int.random(in: 0..<20, using: &random) == 0 {
            try write(device, Attendance.collection, state.id, [Attendance.Field.present: .bool(Bool.random(using: &random))], time + 3000)
        }
    }

    private func resolveConflicts(_ device: CountyDevice, at time: Int64) throws {
        for collection in ForumRules.collections.sorted() {
            for state in try device.store.records(in: collection, limit: 100_000) where state.hasConflict {
                statistics.conflictsSeen += 1
                for case .field(let name, _) in state.conflicts {
                    let current = try device.store.state(collection: collection, id: state.id) ?? state
                    try device.resolve(current, field: name, at: time, ledger: &ledger)
                    statistics.resolutions += 1
                }
            }
        }
        try sync(device)
    }

    private func randomAmount() -> Int64 { [500, 700, 900, 1100][Int.random(in: 0..<4, using: &random)] }

    private func write(_ device: CountyDevice, _ collection: String, _ id: String, _ values: [String: JSONValue], _ time: Int64) throws {
        if try device.write(collection, id, values, at: time, ledger: &ledger) { statistics.writes += 1 }
    }

    // MARK: - Invariants

    /// Syncs one device, then checks every record it holds is byte-identical to the
    /// server's (so refused writes have converged back) and what it pulled is in its scope.
    private func sync(_ device: CountyDevice) throws {
        let pulled = try device.sync(server: server, ledger: &ledger)
        statistics.syncs += 1
        let serverJSON = try server.allCanonicalJSON()
        for json in try device.allCanonicalJSON() where !serverJSON.contains(json) {
            let state = try RecordState(jsonBytes: json)
            // A tombstone the server purged stays on a device until the device's own horizon.
            if lifecycle != nil, state.isDeleted, !state.hasConflict, try server.state(collection: state.collection, id: state.id) == nil {
                continue
            }
            throw CountyFailure("\(device.name): \(state.collection)/\(state.id.prefix(8)) differs from the server right after sync")
        }
        if let lifecycle, device.actor.role == .facilitator {
            try checkRetention(device, lifecycle: lifecycle)
        }
        let lookup = ServerLookup(server: server)
        for state in pulled {
            if let municipality = ForumRules.municipality(of: state, lookup: lookup), !device.actor.covers(municipality) {
                throw CountyFailure("\(device.name) received a \(state.collection) of \(municipality), outside its scope")
            }
        }
    }

    /// One attendance per (forum, participant) and one honorarium per attendance.
    private func checkNaturalKeys() throws {
        let states = try server.allStates().filter { !$0.isDeleted }
        var attendance = Set<[String]>(), honorarium = Set<String>()
        for state in states {
            if state.collection == Attendance.collection {
                let key = [state[Attendance.Field.forumID]?.stringValue ?? "", state[Attendance.Field.participantID]?.stringValue ?? ""]
                guard attendance.insert(key).inserted else { throw CountyFailure("two attendance records for one forum and participant") }
            } else if state.collection == Honorarium.collection {
                guard honorarium.insert(state[Honorarium.Field.attendanceID]?.stringValue ?? "").inserted else {
                    throw CountyFailure("two honoraria for one attendance")
                }
            }
        }
    }

    /// Every device holds exactly the server's records of its scope, byte for byte.
    private func checkConverged() throws {
        let serverStates = try server.allStates()
        let lookup = InMemoryLookup(serverStates)
        for device in devices {
            let held = Dictionary(uniqueKeysWithValues: try device.allStates().map { ("\($0.collection)/\($0.id)", $0.canonicalJSON) })
            var expected = 0
            let retained = Set(try lifecycle.map { lifecycle in
                device.actor.role == .facilitator
                    ? CountyDevice.retainedParticipants(in: serverStates, pending: try device.store.pendingKeys(),
                                                        now: wallClock?.now ?? 0, days: lifecycle.retentionDays) : []
            } ?? [])
            for state in serverStates {
                guard let municipality = ForumRules.municipality(of: state, lookup: lookup), device.actor.covers(municipality) else { continue }
                // A device drops tombstones past its horizon, and a facilitator's laptop the
                // identities past the retention (§14c, §14d).
                if lifecycle != nil, (state.isDeleted && !state.hasConflict) || retained.contains(state.id) { continue }
                expected += 1
                guard held["\(state.collection)/\(state.id)"] == state.canonicalJSON else {
                    let attended = serverStates.filter { $0.collection == Attendance.collection && $0[Attendance.Field.participantID]?.stringValue == state.id }
                    let ends = attended.compactMap { a in serverStates.first { $0.id == a[Attendance.Field.forumID]?.stringValue }.flatMap { try? Forum($0) }?.end }
                    throw CountyFailure("\(device.name) did not converge on \(state.collection)/\(state.id.prefix(8)): held \(held["\(state.collection)/\(state.id)"] != nil), deleted \(state.isDeleted), attendances \(attended.count) deleted \(attended.filter(\.isDeleted).count), forum ends \(ends), now \(Date(timeIntervalSince1970: Double(wallClock?.now ?? 0) / 1000))")
                }
            }
            guard held.count >= expected else { throw CountyFailure("\(device.name) holds fewer records than its scope") }
        }
    }

    // MARK: - Data lifecycle (issue 17)

    /// Purges on the server and checks that only clean tombstones went; their history is
    /// closed in the ledger.
    private func purgeOnServer() throws {
        guard let server = server as? CountyLifecycleServer else { return }
        let before = try server.allStates()
        let purged = try server.purgeTombstones()
        guard purged > 0 else { return }
        let after = Set(try server.allStates().map { CountyLedger.RecordKey(collection: $0.collection, id: $0.id) })
        var gone = 0
        for state in before where !after.contains(.init(collection: state.collection, id: state.id)) {
            guard state.isCleanTombstone else {
                throw CountyFailure("the server purged \(state.collection)/\(state.id.prefix(8)), which was no clean tombstone")
            }
            ledger.closeHistory(.init(collection: state.collection, id: state.id))
            gone += 1
        }
        guard gone == purged else { throw CountyFailure("the server reported \(purged) tombstones purged, \(gone) went") }
        statistics.purged += purged
    }

    /// No identity of a participant whose forums all ended more than the retention ago is
    /// left on a facilitator's laptop after its sync, judged from the server's records.
    private func checkRetention(_ device: CountyDevice, lifecycle: Lifecycle) throws {
        let held = Set(try device.store.records(in: Participant.collection, limit: 1_000_000).map(\.id))
        let lookup = InMemoryLookup(try server.allStates())
        let inScope = try server.allStates().filter { state in
            ForumRules.municipality(of: state, lookup: lookup).map(device.actor.covers) ?? false
        }
        let gone = CountyDevice.retainedParticipants(in: inScope, pending: try device.store.pendingKeys(),
                                                     now: wallClock?.now ?? 0, days: lifecycle.retentionDays)
        if let left = gone.first(where: held.contains) {
            throw CountyFailure("\(device.name) still holds participant \(left.prefix(8)) past the retention")
        }
    }

    /// Records the quarter's figures and checks that tombstones stay bounded: none on the
    /// server older than the horizon plus the longest wait for an active device.
    private func measureQuarter(day: Int) throws {
        guard let lifecycle, let server = server as? CountyLifecycleServer, let now = wallClock?.now else { return }
        let states = try server.allStates()
        let tombstones = states.filter { $0.isDeleted && !$0.hasConflict }
        let oldest = tombstones.compactMap { $0.fields[RecordState.deletedField]?.entries.map(\.time.wallMillis).max() }.min()
        var quarter = Quarter(day: day, serverRecords: states.count, serverTombstones: tombstones.count,
                              oldestTombstoneDays: oldest.map { Int((now - $0) / Self.dayMillis) } ?? 0,
                              serverBytes: server.storageBytes(), purged: statistics.purged)
        for device in devices {
            quarter.mostDeviceTombstones = max(quarter.mostDeviceTombstones, try device.store.tombstoneCount())
            if device.actor.role == .facilitator {
                quarter.mostFacilitatorParticipants = max(quarter.mostFacilitatorParticipants,
                                                          try device.store.count(in: Participant.collection))
            }
            quarter.resyncs += device.resyncs
        }
        quarters.append(quarter)
        print("county seed \(seed) quarter \(quarters.count): \(quarter)")
        // The horizon, plus the absence during which the server still waits for a laptop
        // (it is active for the horizon's first days), plus a week of offline days.
        let bound = lifecycle.tombstoneDays + lifecycle.tombstoneDays + 7 + 1
        if quarter.oldestTombstoneDays > bound {
            throw CountyFailure("a tombstone \(quarter.oldestTombstoneDays) days old is still on the server (bound \(bound))")
        }
    }
}
