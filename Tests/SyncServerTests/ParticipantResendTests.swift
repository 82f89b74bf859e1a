@testable import SyncServer

import ForumModel
import SyncCore
import Testing

/// When an attendance is recorded, the server sends its participant again (a new change
/// sequence, nothing written), so a laptop that let them go under the retention receives
/// them anew (PROTOCOL.md §14c). A participant already given a new sequence in the same
/// transaction is not sent again: no device has pulled that sequence yet.
@Suite struct ParticipantResendTests {
    /// Forums f1 and f2 and participant p1, all in Södertälje.
    static func twoForumsAndAParticipant(by replica: ReplicaID) throws -> [RecordState] {
        [try Records.forum("f1", municipality: "Södertälje", by: replica),
         try Records.forum("f2", municipality: "Södertälje", by: replica),
         try Records.participant("p1", municipality: "Södertälje", name: "Kim Andersson", by: replica)]
    }

    @Test func aParticipantPushedWithTwoAttendancesTakesOneChangeSequence() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let records = try Self.twoForumsAndAParticipant(by: device.replica) + [
            try Records.attendance(forum: "f1", participant: "p1", by: device.replica),
            try Records.attendance(forum: "f2", participant: "p1", by: device.replica),
        ]
        #expect(try fixture.push(records, token: device.token).status == 200)
        // Five records, five sequences: the participant was not re-sent per attendance.
        #expect(try fixture.database.store.lastSequence() == 5)
        let pulled = try fixture.pullAll(token: device.token)
        #expect(Set(pulled.map(\.id)) == Set(records.map(\.id)))
    }

    @Test func aParticipantStoredByAnEarlierPushIsSentAgainWithTheirNextAttendance() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let forum = try Records.forum("f1", municipality: "Södertälje", by: device.replica)
        let participant = try Records.participant("p1", municipality: "Södertälje", name: "Kim Andersson", by: device.replica)
        #expect(try fixture.push([forum, participant], token: device.token).status == 200)
        let (_, cursor) = try fixture.pull(token: device.token, from: "")
        #expect(try fixture.push([try Records.attendance(forum: "f1", participant: "p1", by: device.replica)],
                                 token: device.token).status == 200)
        // A laptop that forgot the participant after its last pull gets them with the attendance.
        let (later, _) = try fixture.pull(token: device.token, from: cursor)
        #expect(Set(later.map(\.collection)) == [Attendance.collection, Participant.collection])
        #expect(later.contains { $0.id == "p1" })
    }

    @Test func aParticipantNoDeviceHasPulledYetIsNotSentAgainUntilOneHas() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        #expect(try fixture.push(try Self.twoForumsAndAParticipant(by: device.replica), token: device.token).status == 200)
        // A later request of the same bulk push: nobody has pulled p1's sequence yet.
        #expect(try fixture.push([try Records.attendance(forum: "f1", participant: "p1", by: device.replica)],
                                 token: device.token).status == 200)
        #expect(try fixture.database.store.lastSequence() == 4)
        // Once a device has been served p1, the next attendance sends p1 again.
        let (pulled, _) = try fixture.pull(token: device.token, from: "")
        #expect(pulled.contains { $0.id == "p1" })
        #expect(try fixture.push([try Records.attendance(forum: "f2", participant: "p1", by: device.replica)],
                                 token: device.token).status == 200)
        #expect(try fixture.database.store.lastSequence() == 6)
        #expect(try fixture.database.store.sequence(collection: "participant", id: "p1") == 6)
    }
}
