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
        #expect(try fixture.database.importStates(södertälje + norrtälje) == södertälje.count + norrtälje.count)
        // Importing the same states again changes nothing.
        #expect(try fixture.database.importStates(södertälje) == 0)

        let device = try fixture.enrol(municipalities: ["Norrtälje"])
        let pulled = try fixture.pullAll(token: device.token)
        #expect(Set(pulled.map(\.id)) == Set(norrtälje.map(\.id)))
        #expect(pulled.map(\.canonicalJSON).sorted { $0.lexicographicallyPrecedes($1) }
                == norrtälje.map(\.canonicalJSON).sorted { $0.lexicographicallyPrecedes($1) })
    }
}
