import FieldClient
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

/// `LocalReplica.reapply`: another replica's unsynced work written again as this one's.
@Suite struct LocalReplicaHandoverTests {
    @Test func reappliesInDependencyOrderAsNewWritesOfThisReplica() throws {
        let directory = try TemporaryDirectory()
        let giver = try ForumFixtures.replica(directory, name: "dev-old", role: .facilitator)
        try ForumFixtures.forum(in: giver)
        try ForumFixtures.participant(in: giver, id: "p1")
        try ForumFixtures.attendance(in: giver, forumID: "forum1", participantID: "p1")
        let work = try giver.pendingChanges(limit: 100).map(\.state)
        let taker = try ForumFixtures.replica(directory, name: "dev-new", role: .facilitator)

        // Sorted as the export sorts them: the attendance comes before its forum.
        let summary = try taker.reapply(work.sorted { ($0.collection, $0.id) < ($1.collection, $1.id) })
        #expect(summary.written == 4 && summary.refused.isEmpty)
        for state in work {
            let taken = try #require(try taker.state(collection: state.collection, id: state.id))
            #expect(taken.visibleValues == state.visibleValues)
            #expect(taken.context[RecordFixtures.replica("dev-old")] == 0, "no dot of the old replica is stored")
        }
        #expect(try taker.pendingCount() == 4)
        #expect(try taker.reapply(work) == HandoverSummary(written: 0, unchanged: 4))
    }

    @Test func reappliesMoreRecordsThanOneTransactionHolds() throws {
        let directory = try TemporaryDirectory()
        let giver = try ForumFixtures.replica(directory, name: "dev-old", role: .coordinator)
        let count = LocalReplica.reapplyRecordsPerTransaction + 2
        try ForumFixtures.participants(in: giver, count: count)
        let work = try giver.pendingChanges(limit: count + 10).map(\.state)
        #expect(work.count == count)
        let taker = try ForumFixtures.replica(directory, name: "dev-new", role: .coordinator)

        #expect(try taker.reapply(work) == HandoverSummary(written: count))
        #expect(try taker.pendingCount() == count)
        #expect(try taker.reapply(work) == HandoverSummary(unchanged: count))
    }

    @Test func aWriteTheRulesRefuseIsListedNotDropped() throws {
        let directory = try TemporaryDirectory()
        let coordinator = try ForumFixtures.replica(directory, name: "dev-old", role: .coordinator)
        try ForumFixtures.forum(in: coordinator)
        try ForumFixtures.participant(in: coordinator, id: "p1")
        let honorariumID = try ForumFixtures.attendance(in: coordinator, forumID: "forum1", participantID: "p1")
        let proposed = try #require(try coordinator.state(collection: Honorarium.collection, id: honorariumID))
        try coordinator.write(collection: Honorarium.collection, id: honorariumID, values: try Honorarium(proposed).approvalFields())
        let work = try coordinator.pendingChanges(limit: 100).map(\.state)

        let facilitator = try ForumFixtures.replica(directory, name: "dev-new", role: .facilitator)
        let summary = try facilitator.reapply(work)
        #expect(summary.written == 3)
        #expect(summary.refused.map(\.id) == [honorariumID])
        #expect(summary.refused.first?.code == DomainError.Code.roleForbidden.rawValue)
    }

    @Test func aValueThisReplicaHasSeenAndChangedSinceIsNotUndone() throws {
        let directory = try TemporaryDirectory()
        let giver = try ForumFixtures.replica(directory, name: "dev-old", role: .coordinator)
        try ForumFixtures.forum(in: giver)
        let shared = try #require(try giver.state(collection: Forum.collection, id: "forum1"))
        let taker = try ForumFixtures.replica(directory, name: "dev-new", role: .coordinator)
        try taker.store.merge([shared])
        // The giver adds a venue offline; the taker, who has seen the forum, renames it.
        let offline = try giver.write(collection: Forum.collection, id: "forum1", values: [Forum.Field.venue: "Stadshuset"])
        try taker.write(collection: Forum.collection, id: "forum1", values: [Forum.Field.title: "Nytt namn"])

        #expect(try taker.reapply([offline]).written == 1)
        let after = try #require(try taker.state(collection: Forum.collection, id: "forum1"))
        #expect(after[Forum.Field.venue] == "Stadshuset")
        #expect(after[Forum.Field.title] == "Nytt namn")
    }
}
