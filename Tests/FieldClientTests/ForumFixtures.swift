import FieldClient
import ForumModel
import Foundation
import SyncCore
import TestSupport

/// Valid domain records written through a `LocalReplica`.
enum ForumFixtures {
    static let municipality = "Södertälje"

    static func replica(_ directory: TemporaryDirectory, name: String = "dev-a", role: Role = .coordinator,
                        file: String? = nil) throws -> LocalReplica {
        let replica = try LocalReplica(path: directory.path(file ?? "\(name).sqlite"), replica: RecordFixtures.replica(name),
                                       actor: Actor(role: role, municipalities: [municipality]))
        let clock = ManualClock()
        replica.wallClock = WallClock { clock.now }
        return replica
    }

    @discardableResult
    static func forum(in replica: LocalReplica, id: String = "forum1", amount: Int64 = 500) throws -> String {
        let start = Date(timeIntervalSince1970: 1_795_000_000)
        let forum = Forum(id: id, municipality: municipality, title: "Deltagarforum", kind: .deltagarforum,
                          start: start, end: start.addingTimeInterval(7200), defaultHonorariumKronor: amount, status: .held)
        try replica.write(collection: Forum.collection, id: id, values: forum.fields)
        return id
    }

    @discardableResult
    static func participant(in replica: LocalReplica, id: String, name: String = "Anna", anonymous: Bool = false) throws -> String {
        let participant = Participant(id: id, displayName: name, municipality: municipality, anonymous: anonymous)
        try replica.write(collection: Participant.collection, id: id, values: participant.fields)
        return id
    }

    /// Attendance plus a proposed honorarium; returns the honorarium id.
    @discardableResult
    static func attendance(in replica: LocalReplica, forumID: String, participantID: String, amount: Int64 = 500) throws -> String {
        let attendance = Attendance(forumID: forumID, participantID: participantID, role: .participant)
        try replica.write(collection: Attendance.collection, id: attendance.id, values: attendance.fields)
        let honorarium = Honorarium(attendanceID: attendance.id, amount: amount, payerMunicipality: municipality)
        try replica.write(collection: Honorarium.collection, id: honorarium.id, values: honorarium.fields)
        return honorarium.id
    }

    /// `count` participants named p0…, written as pending changes.
    static func participants(in replica: LocalReplica, count: Int) throws {
        for index in 0..<count { try participant(in: replica, id: String(format: "p%05d", index)) }
    }
}
