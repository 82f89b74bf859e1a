import Foundation
import Testing
import ForumModel
import SyncCore
@testable import SyncServer

@Suite struct ImportTests {
    @Test func importedRecordsAreFiledUnderTheirScopeAndPulledOnlyThere() throws {
        let fixture = try ServerFixture()
        let seed = try #require(ReplicaID("seed"))
        let södertälje = try Records.meeting(by: seed)
        let norrtälje = try Records.meeting(forum: "fn", participant: "pn", municipality: "Norrtälje", by: seed)
        #expect(try fixture.database.recordsOffice.importStates(södertälje + norrtälje) == södertälje.count + norrtälje.count)
        // Importing the same states again changes nothing.
        #expect(try fixture.database.recordsOffice.importStates(södertälje) == 0)

        let device = try fixture.enrol(municipalities: ["Norrtälje"])
        let pulled = try fixture.pullAll(token: device.token)
        #expect(Set(pulled.map(\.id)) == Set(norrtälje.map(\.id)))
        #expect(pulled.map(\.canonicalJSON).sorted { $0.lexicographicallyPrecedes($1) }
                == norrtälje.map(\.canonicalJSON).sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func anImportedAttendanceWhereItsParticipantIsAlreadyFiledReadsNoneOfTheParticipantsOtherAttendance() throws {
        let fixture = try ServerFixture()
        let seed = try #require(ReplicaID("seed"))
        let forumCount = 12
        var records = [try Records.participant("p1", municipality: "Södertälje", name: "Kim Andersson", by: seed)]
        for k in 0...forumCount {
            records.append(try Records.forum("f\(k)", municipality: "Södertälje", by: seed))
            if k < forumCount { records.append(try Records.attendance(forum: "f\(k)", participant: "p1", by: seed)) }
        }
        try fixture.database.recordsOffice.importStates(records)

        let before = fixture.database.lookup.statesRead
        #expect(try fixture.database.recordsOffice.importStates([try Records.attendance(forum: "f\(forumCount)", participant: "p1", by: seed)]) == 1)
        #expect(fixture.database.lookup.statesRead - before < forumCount)
    }

    @Test func anImportedVisitToAForumElsewhereFilesTheParticipantThereToo() throws {
        let fixture = try ServerFixture()
        let seed = try #require(ReplicaID("seed"))
        try fixture.database.recordsOffice.importStates([
            try Records.participant("p1", municipality: "Norrtälje", name: "Alex", by: seed),
            try Records.forum("f1", municipality: "Södertälje", by: seed),
        ])
        let södertälje = try fixture.enrol(municipalities: ["Södertälje"])
        #expect(try fixture.pullAll(token: södertälje.token).allSatisfy { $0.id != "p1" })

        try fixture.database.recordsOffice.importStates([try Records.attendance(forum: "f1", participant: "p1", by: seed)])
        #expect(try fixture.pullAll(token: södertälje.token).contains { $0.id == "p1" })
    }
}
