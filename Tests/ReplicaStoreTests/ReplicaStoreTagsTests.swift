import Testing
import SyncCore
import TestSupport
@testable import ReplicaStore

@Suite struct ReplicaStoreTagsTests {
    @Test func retagDeliversAnUnchangedRecordToReadersOfTheNewTag() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let participant = RecordFixtures.record(collection: "participant", id: "p1", fieldCount: 1)
        let other = RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 1)
        try store.merge([participant]) { _ in RecordAnnotations(tags: ["m:Södertälje"]) }
        try store.merge([other]) { _ in RecordAnnotations(tags: ["m:Norrtälje"]) }
        let norrtälje = try store.changes(since: 0, limit: 10, tags: ["m:Norrtälje"])
        #expect(norrtälje.changes.map(\.state.id) == ["f1"])

        #expect(try store.retag(collection: "participant", id: "p1", tags: ["m:Södertälje", "m:Norrtälje"]))
        let next = try store.changes(since: norrtälje.nextSequence, limit: 10, tags: ["m:Norrtälje"])
        #expect(next.changes.map(\.state.id) == ["p1"])
        #expect(try store.tags(collection: "participant", id: "p1") == ["m:Norrtälje", "m:Södertälje"])
        #expect(try store.state(collection: "participant", id: "p1") == participant)
    }

    @Test func retagWithTheSameTagsKeepsTheSequence() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.merge([RecordFixtures.record(collection: "participant", id: "p1")]) { _ in
            RecordAnnotations(tags: ["m:A", "m:B"])
        }
        let before = try store.lastSequence()
        #expect(try store.retag(collection: "participant", id: "p1", tags: ["m:B", "m:A"]) == false)
        #expect(try store.retag(collection: "participant", id: "unknown", tags: ["m:A"]) == false)
        #expect(try store.lastSequence() == before)
    }

    /// A change saved with new tags is filed under them alone, at its sequence; one saved
    /// without annotations keeps the stored tags and is filed under them anew.
    @Test func laterChangesAreFiledUnderTheirTagsAtTheirSequence() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let first = RecordFixtures.record(collection: "participant", id: "p1", fieldCount: 1)
        try store.save(first, annotations: RecordAnnotations(tags: ["m:A", "m:B"]))
        let delivered = try store.changes(since: 0, limit: 10, tags: ["m:B"])
        #expect(delivered.changes.map(\.state.id) == ["p1"])

        var later = first
        try later.write(["note": "ändrad"], by: RecordFixtures.replica("dev-b"),
                        at: HybridTimestamp(wallMillis: 1_764_000_100_000))
        try store.save(later, annotations: RecordAnnotations(tags: ["m:A"]))
        #expect(try store.changes(since: delivered.nextSequence, limit: 10, tags: ["m:B"]).changes.isEmpty)
        let moved = try store.changes(since: delivered.nextSequence, limit: 10, tags: ["m:A"])
        #expect(moved.changes.map(\.state) == [later])
        #expect(try store.tags(collection: "participant", id: "p1") == ["m:A"])

        var third = later
        try third.write(["note": "igen"], by: RecordFixtures.replica("dev-b"), at: HybridTimestamp(wallMillis: 1_764_000_200_000))
        try store.save(third)
        let again = try store.changes(since: moved.nextSequence, limit: 10, tags: ["m:A"])
        #expect(again.changes.map(\.state) == [third])
        #expect(try store.tags(collection: "participant", id: "p1") == ["m:A"])
    }

    /// `resend` files a record exactly as re-filing it under its own tags does: the record,
    /// its tag rows and its forget rows all at one new sequence, its state untouched.
    @Test func resendFilesLikeRetaggingUnderTheSameTags() throws {
        func prepared(_ dir: TemporaryDirectory) throws -> ReplicaStore {
            let store = try makeStore(dir)
            try store.merge([RecordFixtures.record(collection: "participant", id: "p1", fieldCount: 1)]) { _ in
                RecordAnnotations(tags: ["m:A", "m:B"])
            }
            try store.merge([RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 1)]) { _ in
                RecordAnnotations(tags: ["m:A"])
            }
            #expect(try store.retag(collection: "participant", id: "p1", tags: ["m:A"]))  // leaves forget:m:B
            return store
        }
        func filing(_ store: ReplicaStore) throws -> [String] {
            try store.connection.query("""
                SELECT r.id, r.seq, t.tag, t.seq FROM record_tag t JOIN record r ON r.rowid = t.record ORDER BY r.id, t.tag
                """) { "\(try $0.text(at: 0)) \(try $0.int64(at: 1)) \(try $0.text(at: 2)) \(try $0.int64(at: 3))" }
        }
        let (one, two) = (try TemporaryDirectory(), try TemporaryDirectory())
        let retagged = try prepared(one), resent = try prepared(two)
        let before = try resent.lastSequence()
        #expect(try retagged.retag(collection: "participant", id: "p1", tags: ["m:A"], evenIfUnchanged: true))
        #expect(try resent.resend(collection: "participant", id: "p1"))
        #expect(try resent.lastSequence() == before + 1)
        #expect(try filing(resent) == filing(retagged))
        #expect(try filing(resent).contains("p1 \(before + 1) forget:m:B \(before + 1)"))
        #expect(try resent.state(collection: "participant", id: "p1") == retagged.state(collection: "participant", id: "p1"))
        #expect(try resent.resend(collection: "participant", id: "unknown") == false)
        #expect(try resent.lastSequence() == before + 1)
    }
}
