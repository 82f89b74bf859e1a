import FieldClient
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

/// The replica keeps, beside each state, the fields rules read of a referenced record
/// (`record.facts`, issue 21): they follow every write, a rolled-back write leaves none
/// behind, and a file from before them gets them when it is opened.
@Suite struct LocalReplicaFactsTests {
    static func approve(_ replica: LocalReplica, _ honorariumID: String) throws {
        let honorarium = try Honorarium(try #require(try replica.state(collection: Honorarium.collection, id: honorariumID)))
        try replica.write(collection: Honorarium.collection, id: honorariumID, values: honorarium.approvalFields())
    }

    static func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ClientError { return error.detailCode } catch { return "\(error)" }
        return nil
    }

    static func setForumStatus(_ replica: LocalReplica, _ status: ForumStatus) throws(ClientError) {
        try replica.write(collection: Forum.collection, id: "forum1", values: [Forum.Field.status: .string(status.rawValue)])
    }

    /// A replica with forum1 (planned), p1 attending it, and the honorarium's id.
    static func plannedMeeting(_ directory: TemporaryDirectory) throws -> (LocalReplica, honorariumID: String) {
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.forum(in: replica)
        try ForumFixtures.participant(in: replica, id: "p1")
        let honorariumID = try ForumFixtures.attendance(in: replica, forumID: "forum1", participantID: "p1")
        try setForumStatus(replica, .planned)
        return (replica, honorariumID)
    }

    @Test func aParentsFactsFollowItsWrites() throws {
        let directory = try TemporaryDirectory()
        let (replica, honorariumID) = try Self.plannedMeeting(directory)
        #expect(Self.refusal { try Self.approve(replica, honorariumID) } == DomainError.Code.forumNotHeld.rawValue)
        try Self.setForumStatus(replica, .held)
        let attendanceID = Attendance.id(forumID: "forum1", participantID: "p1")
        try replica.write(collection: Attendance.collection, id: attendanceID, values: [Attendance.Field.present: false])
        #expect(Self.refusal { try Self.approve(replica, honorariumID) } == DomainError.Code.absentAttendance.rawValue)
        try replica.write(collection: Attendance.collection, id: attendanceID, values: [Attendance.Field.present: true])
        #expect(Self.refusal { try Self.approve(replica, honorariumID) } == nil)
    }

    @Test func aRolledBackWriteLeavesNoFactsBehind() throws {
        let directory = try TemporaryDirectory()
        let (replica, honorariumID) = try Self.plannedMeeting(directory)
        // The forum is marked held, then the transaction fails: the facts go back with the state.
        let bad = Participant(id: "p9", displayName: "Bo", municipality: "Nykvarn")
        #expect(throws: ClientError.self) {
            try replica.transaction { () throws(ClientError) in
                try Self.setForumStatus(replica, .held)
                try replica.write(collection: Participant.collection, id: "p9", values: bad.fields)
            }
        }
        #expect(Self.refusal { try Self.approve(replica, honorariumID) } == DomainError.Code.forumNotHeld.rawValue)
    }

    @Test func aReplicaFileFromBeforeTheFactsGetsThemWhenOpened() throws {
        let directory = try TemporaryDirectory()
        let honorariumID: String
        do {
            let replica = try ForumFixtures.replica(directory, file: "old.sqlite")
            try ForumFixtures.forum(in: replica)
            try ForumFixtures.participant(in: replica, id: "p1")
            honorariumID = try ForumFixtures.attendance(in: replica, forumID: "forum1", participantID: "p1")
            try ForumFixtures.forum(in: replica, id: "forum2")
            try replica.delete(collection: Forum.collection, id: "forum2")
            // As the previous version left the file: no facts column, no record of it, one
            // schema step fewer.
            let connection = replica.store.connection
            try connection.execute("ALTER TABLE record DROP COLUMN facts")
            try connection.execute("DELETE FROM checkpoint WHERE key = 'store.fact_fields'")
            try connection.execute("PRAGMA user_version = 4")
        }
        let reopened = try ForumFixtures.replica(directory, file: "old.sqlite")
        let unfilled = try reopened.store.connection.queryOne("SELECT COUNT(*) FROM record WHERE facts IS NULL") { try $0.int64(at: 0) }
        #expect(unfilled == 0)
        let version = try reopened.store.connection.queryOne("PRAGMA user_version") { try $0.int64(at: 0) }
        #expect(version == 5)
        // The rules read the filled facts: the held forum allows the approval, the deleted one is missing.
        #expect(Self.refusal { try Self.approve(reopened, honorariumID) } == nil)
        let elsewhere = Attendance(forumID: "forum2", participantID: "p1", role: .participant)
        #expect(Self.refusal {
            try reopened.write(collection: Attendance.collection, id: elsewhere.id, values: elsewhere.fields)
        } == DomainError.Code.referenceMissing.rawValue)
    }
}
