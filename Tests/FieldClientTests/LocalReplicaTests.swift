import FieldClient
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

@Suite struct LocalReplicaTests {
    @Test func facilitatorApprovingIsRefusedWithTheDomainCode() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory, role: .facilitator)
        try ForumFixtures.forum(in: replica)
        try ForumFixtures.participant(in: replica, id: "p1")
        let honorariumID = try ForumFixtures.attendance(in: replica, forumID: "forum1", participantID: "p1")
        let before = try #require(try replica.state(collection: Honorarium.collection, id: honorariumID))
        let honorarium = try Honorarium(before)
        do {
            try replica.write(collection: Honorarium.collection, id: honorariumID, values: honorarium.approvalFields())
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == .refused)
            #expect(error.detailCode == DomainError.Code.roleForbidden.rawValue)
        }
        #expect(try replica.state(collection: Honorarium.collection, id: honorariumID) == before)
    }

    @Test func coordinatorMayApprove() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory, role: .coordinator)
        try ForumFixtures.forum(in: replica)
        try ForumFixtures.participant(in: replica, id: "p1")
        let honorariumID = try ForumFixtures.attendance(in: replica, forumID: "forum1", participantID: "p1")
        let honorarium = try Honorarium(try #require(try replica.state(collection: Honorarium.collection, id: honorariumID)))
        let after = try replica.write(collection: Honorarium.collection, id: honorariumID, values: honorarium.approvalFields())
        #expect(after[Honorarium.Field.status] == "approved")
    }

    @Test func writesOutsideTheMunicipalityAreRefused() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory, role: .facilitator)
        let participant = Participant(id: "p9", displayName: "Bo", municipality: "Nykvarn")
        do {
            try replica.write(collection: Participant.collection, id: "p9", values: participant.fields)
            Issue.record("expected a refusal")
        } catch { #expect(error.detailCode == DomainError.Code.outsideScope.rawValue) }
        #expect(try replica.pendingCount() == 0)
    }

    @Test func stampsTheDeviceReplicaWithAMonotoneClockEvenWhenTheWallClockGoesBack() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        let clock = ManualClock(2_000_000_000_000)
        replica.wallClock = WallClock { clock.now }
        try ForumFixtures.participant(in: replica, id: "p1", name: "Anna")
        clock.now = 1_000_000_000_000
        try ForumFixtures.participant(in: replica, id: "p2", name: "Bo")
        let first = try #require(try replica.state(collection: Participant.collection, id: "p1"))
        let second = try #require(try replica.state(collection: Participant.collection, id: "p2"))
        let firstEntry = try #require(first.fields[Participant.Field.displayName]?.winner)
        let secondEntry = try #require(second.fields[Participant.Field.displayName]?.winner)
        #expect(firstEntry.dot.replica.rawValue == "dev-a")
        #expect(secondEntry.time > firstEntry.time)
    }

    @Test func aTransactionStoresAllWritesOrNone() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory, role: .facilitator)
        let bad = Participant(id: "p9", displayName: "Bo", municipality: "Nykvarn")
        #expect(throws: ClientError.self) {
            try replica.transaction { () throws(ClientError) in
                try ForumFixtures.participantUnchecked(in: replica, id: "p1")
                try replica.write(collection: Participant.collection, id: "p9", values: bad.fields)
            }
        }
        #expect(try replica.state(collection: Participant.collection, id: "p1") == nil)
    }

    @Test func canonicalExportIsSortedByCollectionThenID() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participant(in: replica, id: "pb")
        try ForumFixtures.participant(in: replica, id: "pa")
        try ForumFixtures.forum(in: replica)
        let text = String(decoding: try replica.canonicalExport(), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "[")
        #expect(lines.last == "]")
        #expect(lines[1].hasPrefix(#"{"collection":"forum""#))
        #expect(lines[2].contains(#""id":"pa""#))
        #expect(lines[3].contains(#""id":"pb""#))
    }
}

extension ForumFixtures {
    static func participantUnchecked(in replica: LocalReplica, id: String) throws(ClientError) {
        let participant = Participant(id: id, displayName: "Anna", municipality: municipality)
        try replica.write(collection: Participant.collection, id: id, values: participant.fields)
    }
}
