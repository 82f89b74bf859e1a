import ForumModel
import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing
import TestSupport
@testable import FieldClient

/// A device's own tombstones (PROTOCOL.md §14d): synced ones leave after the horizon the
/// server announces, pending ones stay; a pulled state that no longer knows a synced
/// tombstone's delete replaces it.
@Suite struct LocalReplicaTombstoneTests {
    func deletedAndAcknowledged(_ replica: LocalReplica, _ ids: [String], acknowledging: Set<String>) throws {
        for id in ids { try ForumFixtures.participant(in: replica, id: id) }
        for id in ids { _ = try replica.delete(collection: Participant.collection, id: id) }
        let pending = try replica.pendingChanges(limit: 100).filter { acknowledging.contains($0.state.id) }
        try replica.acknowledge(pending, refused: [], keepingRefused: 0, serverTime: nil)
    }

    @Test func syncedTombstonesLeaveAfterTheAnnouncedHorizonAndPendingOnesStay() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try deletedAndAcknowledged(replica, ["p1", "p2"], acknowledging: ["p1"])
        #expect(try replica.purgeTombstones(now: Date().addingTimeInterval(365 * 86_400)) == 0) // no horizon announced
        try replica.setTombstoneDays(30)
        #expect(try replica.purgeTombstones(now: Date().addingTimeInterval(10 * 86_400)) == 0)
        #expect(try replica.purgeTombstones(now: Date().addingTimeInterval(31 * 86_400)) == 1)
        #expect(try replica.state(collection: Participant.collection, id: "p1") == nil)
        #expect(try replica.state(collection: Participant.collection, id: "p2")?.isDeleted == true)
    }

    @Test func aPulledStateThatNoLongerKnowsTheDeleteReplacesTheSyncedTombstone() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try deletedAndAcknowledged(replica, ["p1"], acknowledging: ["p1"])
        // The server purged the tombstone; another device's unsynced edit came back as its
        // own new write, which has not seen the delete.
        let other = RecordFixtures.replica("dev-b")
        let anew = try RecordState(collection: Participant.collection, id: "p1", context: VersionVector(), fields: [:])
        var back = anew
        let person = Participant(id: "p1", displayName: "Åter", municipality: ForumFixtures.municipality)
        try back.write(person.fields, by: other, at: HybridTimestamp(wallMillis: 1_764_000_500_000))
        _ = try replica.mergePulled([back], cursor: "9")
        #expect(try replica.state(collection: Participant.collection, id: "p1") == back)

        // A state that knows the delete merges as usual (still deleted).
        try deletedAndAcknowledged(replica, ["p2"], acknowledging: ["p2"])
        let tombstone = try #require(try replica.state(collection: Participant.collection, id: "p2"))
        _ = try replica.mergePulled([tombstone], cursor: "10")
        #expect(try replica.state(collection: Participant.collection, id: "p2") == tombstone)
    }
}

/// Unsynced changes go to the server referenced collections first (PROTOCOL.md §13), so a
/// forum edited after its attendance was recorded reaches the server before it, also when
/// they travel in different pushes.
@Suite struct PendingOrderTests {
    @Test func aForumEditedAfterItsAttendanceIsOfferedFirst() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory, role: .facilitator)
        try ForumFixtures.forum(in: replica)
        try ForumFixtures.participant(in: replica, id: "p1")
        try ForumFixtures.attendance(in: replica, forumID: "forum1", participantID: "p1")
        try replica.write(collection: Forum.collection, id: "forum1", values: [Forum.Field.title: "Ändrad titel"])
        let order = try replica.pendingChanges(limit: 10).map(\.state.collection)
        #expect(order == [Forum.collection, Participant.collection, Attendance.collection, Honorarium.collection])
        // Two at a time: the forum in the first push.
        #expect(try replica.pendingChanges(limit: 2).map(\.state.collection) == [Forum.collection, Participant.collection])
    }
}
