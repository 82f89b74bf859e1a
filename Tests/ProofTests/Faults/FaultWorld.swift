import Foundation
import FieldClient
import ForumModel
import SyncCore
import TestSupport

/// The devices and workload of a fault run: two municipalities, a coordinator and two
/// facilitators in one, a coordinator and a facilitator in the other. Facilitators record
/// attendance and propose honoraria at the same forum and change amounts concurrently, so
/// conflicts, natural-key collisions and retries all happen. Nobody approves, so the
/// server refuses nothing (refusals are proven by the county simulation); should it
/// refuse, the recording transport checks that the refusal stored nothing.
final class FaultWorld {
    let box = LedgerBox()
    private let server: CountyServer
    private var devices: [FaultDevice] = []
    private var random: SeededGenerator
    private var failedSyncs = 0, syncs = 0
    /// Whether every round checks the ledger against the server. A run with restores turns
    /// it off: a write acknowledged before a restore is back only once a device that holds
    /// it has synced, so "nothing acknowledged is lost" holds at `finish`.
    var checksEveryRound = true

    init(server: CountyServer, directory: TemporaryDirectory, baseURL: String, seed: UInt64) throws {
        self.server = server
        random = SeededGenerator(seed: seed)
        let plan: [(String, Role, String)] = [("coordinator-s", .coordinator, "Södertälje"), ("facilitator-s1", .facilitator, "Södertälje"),
                                              ("facilitator-s2", .facilitator, "Södertälje"), ("coordinator-n", .coordinator, "Norrtälje"),
                                              ("facilitator-n", .facilitator, "Norrtälje")]
        for (name, role, municipality) in plan {
            let enrolment = try server.enroll(role: role, municipalities: [municipality])
            devices.append(try FaultDevice(name: name, path: directory.path("\(name).sqlite"), replica: enrolment.replica,
                                           token: enrolment.token, actor: Actor(role: role, municipalities: [municipality]),
                                           baseURL: baseURL, server: server, box: box))
        }
    }

    var summary: String {
        "syncs \(syncs) (\(failedSyncs) gave up after retries), writes \(box.ledger.writes.values.map(\.count).reduce(0, +)), acknowledged \(box.ledger.acknowledgedCount), conflict results \(box.ledger.conflictResults), refusals \(box.ledger.refusals) \(box.ledger.refusalCodes.sorted { $0.key < $1.key })"
    }

    /// Coordinators create a forum and four participants each; everyone syncs.
    func setUp() throws {
        for device in devices where device.replica.actor.role == .coordinator {
            guard let municipality = device.replica.actor.municipalities.first else { continue }
            let start = Date(timeIntervalSince1970: 1_767_700_000)
            let forum = Forum(id: RecordID.derived(collection: Forum.collection, naturalKey: [municipality, "1"]), municipality: municipality,
                              title: "Forum", kind: .meeting, start: start, end: start.addingTimeInterval(7200),
                              defaultHonorariumKronor: 500, status: .held)
            try device.write(Forum.collection, forum.id, forum.fields)
            for index in 0..<4 {
                let person = Participant(id: RecordID.derived(collection: Participant.collection, naturalKey: [municipality, "\(index)"]),
                                         displayName: "Deltagare \(index)", municipality: municipality)
                try device.write(Participant.collection, person.id, person.fields)
            }
        }
        for _ in 0..<2 { for device in devices { try sync(device, mustSucceed: true) } }
    }

    /// A seeded choice for the caller (e.g. when to back up or restore the server), from
    /// the world's generator so a run replays with its seed.
    func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    /// One device works offline for a moment, then syncs through the faulty network.
    func round() throws {
        let device = devices[Int.random(in: 0..<devices.count, using: &random)]
        let store = device.replica.store
        let forums = try store.records(in: Forum.collection)
        let people = try store.records(in: Participant.collection)
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            if device.replica.actor.role == .facilitator, let forum = forums.first, let person = people.randomElement(using: &random) {
                let attendance = Attendance(forumID: forum.id, participantID: person.id, role: .participant)
                if try device.replica.state(collection: Attendance.collection, id: attendance.id) == nil {
                    try device.write(Attendance.collection, attendance.id, attendance.fields)
                    let honorarium = Honorarium(attendanceID: attendance.id, amount: 500,
                                                payerMunicipality: forum[Forum.Field.municipality]?.stringValue ?? "")
                    try device.write(Honorarium.collection, honorarium.id, honorarium.fields)
                }
            }
            if let honorarium = try store.records(in: Honorarium.collection).randomElement(using: &random) {
                let amount: Int64 = [400, 500, 600, 700][Int.random(in: 0..<4, using: &random)]
                try device.write(Honorarium.collection, honorarium.id, [Honorarium.Field.amount: .integer(amount)])
            }
        }
        try sync(device, mustSucceed: false)
        if checksEveryRound { try check() }
    }

    /// The ledger check, and that no refusal changed the server.
    private func check() throws {
        try box.ledger.check { try server.state(collection: $0.collection, id: $0.id) }
        guard box.changedByRefusal.isEmpty else {
            throw CountyFailure("refusals changed the server's state of \(box.changedByRefusal.joined(separator: ", "))")
        }
    }

    /// With the network healthy again: everyone syncs twice, then every device must hold
    /// exactly the server's records of its municipality, byte for byte.
    func finish() throws {
        for _ in 0..<2 { for device in devices { try sync(device, mustSucceed: true) } }
        try check()
        let serverStates = try server.allStates()
        let lookup = ServerLookup(server: server)
        for device in devices {
            let held = Set(try device.allCanonicalJSON())
            var expected = 0
            for state in serverStates {
                guard let municipality = ForumRules.municipality(of: state, lookup: lookup),
                      device.replica.actor.covers(municipality) else { continue }
                expected += 1
                guard held.contains(state.canonicalJSON) else {
                    throw CountyFailure("\(device.name) did not converge on \(state.collection)/\(state.id.prefix(8))")
                }
            }
            guard held.count == expected else { throw CountyFailure("\(device.name) holds \(held.count) records, its scope has \(expected)") }
            guard try device.replica.pendingCount() == 0 else { throw CountyFailure("\(device.name) still has pending changes") }
        }
        var keys = Set<String>()
        for state in serverStates where state.collection == Honorarium.collection {
            guard keys.insert(state[Honorarium.Field.attendanceID]?.stringValue ?? "").inserted else {
                throw CountyFailure("two honoraria for one attendance")
            }
        }
    }

    private func sync(_ device: FaultDevice, mustSucceed: Bool) throws {
        syncs += 1
        do { try device.engine.sync() } catch {
            if mustSucceed { throw CountyFailure("\(device.name): sync failed on a healthy network: \(error)") }
            // A fault run may exhaust the retries; what matters is that nothing is lost.
            guard error.isTransient || error.code == .protocolError else { throw CountyFailure("\(device.name): \(error)") }
            failedSyncs += 1
        }
    }
}
