import Testing
@testable import SyncCore

@Suite struct ReplicaIDTests {
    @Test func acceptsTheDocumentedAlphabet() {
        #expect(ReplicaID("dev-01.a_B") != nil)
        #expect(ReplicaID(String(repeating: "a", count: 64)) != nil)
    }

    @Test(arguments: ["", "has space", "å", "a/b", String(repeating: "a", count: 65)])
    func refusesInvalidIdentifiers(_ raw: String) {
        #expect(ReplicaID(raw) == nil)
    }

    @Test func ordersByBytes() throws {
        let a = try #require(ReplicaID("A")), b = try #require(ReplicaID("a"))
        #expect(a < b)
    }
}
