import SyncCore
import Testing
@testable import ForumModel

@Suite struct AttendanceTests {
    @Test func twoDevicesRecordingTheSameFactMergeIntoOneRecord() throws {
        let onA = Attendance(forumID: "forum-1", participantID: "participant-7", role: .participant)
        let onB = Attendance(forumID: "forum-1", participantID: "participant-7", role: .associationRepresentative)
        #expect(onA.id == onB.id)
        let stateA = Fixture.make(Attendance.collection, onA.id, onA.fields, by: Fixture.deviceA)
        let stateB = Fixture.make(Attendance.collection, onB.id, onB.fields, by: Fixture.deviceB)
        let lookup = InMemoryLookup([stateA, stateB])
        #expect(lookup.states(collection: Attendance.collection).count == 1)
        let merged = try stateA.merged(with: stateB)
        // Same values merge silently; the differing role is one visible field conflict.
        #expect(merged.conflicts.map(\.code) == ["field_conflict"])
        #expect(try Attendance(merged).id == onA.id)
    }

    @Test(arguments: [("f1", "p1", "f1", "p2"), ("f1", "p1", "f2", "p1"), ("f1", "p1", "f1p", "1")])
    func differentPairsGetDifferentIDs(_ a: String, _ b: String, _ c: String, _ d: String) {
        #expect(Attendance.id(forumID: a, participantID: b) != Attendance.id(forumID: c, participantID: d))
    }

    @Test func idsAreValidRecordIDsAndHonorariumFollowsAttendance() {
        let id = Attendance.id(forumID: "f", participantID: "p")
        #expect(id.count == 32 && RecordState.isValidRecordID(id))
        #expect(id == RecordID.derived(collection: "attendance", naturalKey: ["f", "p"]))
        #expect(Honorarium.id(attendanceID: id) == RecordID.derived(collection: "honorarium", naturalKey: [id]))
    }
}
