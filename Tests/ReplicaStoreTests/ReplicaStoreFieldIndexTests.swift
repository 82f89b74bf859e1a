import Foundation
import Testing
import SQLite
import SyncCore
import TestSupport
@testable import ReplicaStore

private let devA = RecordFixtures.replica("dev-a")
private func t(_ ms: Int64) -> HybridTimestamp { HybridTimestamp(wallMillis: 1_764_000_000_000 + ms) }

@Suite struct ReplicaStoreFieldIndexTests {
    func ids(_ store: ReplicaStore, _ field: String, _ value: JSONValue) throws -> [String] {
        try store.records(in: "attendance", where: field, equals: value).map(\.id)
    }

    func fieldRows(_ store: ReplicaStore) throws -> Int64 {
        try store.connection.queryOne("SELECT COUNT(*) FROM record_field") { try $0.int64(at: 0) } ?? -1
    }

    @Test func fieldRowsFollowChangedValuesAndVanishWithADelete() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir, indexed: ["attendance": ["forumId", "participantId"]])
        var state = RecordState(collection: "attendance", id: "a1")
        try state.write(["forumId": "f1", "participantId": "p1", "note": "x"], by: devA, at: t(1))
        try store.save(state)
        #expect(try ids(store, "forumId", "f1") == ["a1"])
        try state.write(["forumId": "f2"], by: devA, at: t(2))
        try store.save(state)
        #expect(try ids(store, "forumId", "f1").isEmpty)
        #expect(try ids(store, "forumId", "f2") == ["a1"])
        #expect(try ids(store, "participantId", "p1") == ["a1"])
        #expect(try fieldRows(store) == 2)
        _ = state.delete(by: devA, at: t(3))
        try store.save(state)
        #expect(try ids(store, "forumId", "f2").isEmpty)
        #expect(try fieldRows(store) == 0)
    }

    @Test func aStoreOpenedForOtherFieldsRebuildsItsRowsOnce() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try makeStore(dir, indexed: ["attendance": ["forumId"]])
            for index in 0..<1_200 { // more than one page of the rebuild
                var state = RecordState(collection: "attendance", id: String(format: "a%04d", index))
                try state.write(["forumId": .string("f\(index % 3)"), "participantId": .string("p\(index)")], by: devA, at: t(1))
                try store.save(state)
            }
            #expect(try ids(store, "forumId", "f0").count == 400)
        }
        let reopened = try makeStore(dir, indexed: ["attendance": ["participantId"]])
        #expect(try ids(reopened, "participantId", "p7") == ["a0007"])
        #expect(try fieldRows(reopened) == 1_200)
        #expect(try reopened.checkpoint(ReplicaStore.fieldIndexKey) == "attendance.participantId")
    }

    @Test func aStoreFromBeforeTheRuleLosesStaleRowsAndTheOldIndex() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try makeStore(dir, indexed: ["attendance": ["forumId"]])
            var state = RecordState(collection: "attendance", id: "a1")
            try state.write(["forumId": "f1"], by: devA, at: t(1))
            try store.save(state)
            // As a store of the first schema left it: no record of the fields, the old index,
            // and a row no state explains.
            try store.connection.execute("DELETE FROM checkpoint WHERE key = ?", [.text(ReplicaStore.fieldIndexKey)])
            try store.connection.execute("CREATE INDEX record_field_record ON record_field(collection, id)")
            try store.connection.execute("INSERT INTO record_field VALUES ('attendance', 'forumId', '\"f9\"', 'a1')")
        }
        let reopened = try makeStore(dir, indexed: ["attendance": ["forumId"]])
        #expect(try ids(reopened, "forumId", "f9").isEmpty)
        #expect(try ids(reopened, "forumId", "f1") == ["a1"])
        let index = try reopened.connection.queryOne(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'record_field_record'") { try $0.int64(at: 0) }
        #expect(index == 0)
    }
}

@Suite struct ReplicaStoreEncodedMergeTests {
    func storedBytes(_ store: ReplicaStore, _ id: String) throws -> [UInt8]? {
        try store.connection.queryOne("SELECT state FROM record WHERE id = ?", [.text(id)]) { try $0.blob(at: 0) }
    }

    @Test func usesGivenEncodingsOnlyForRecordsStoredAsTheyCame() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let old = RecordFixtures.record(id: "h1", fieldCount: 2, seed: 1)
        try store.merge([old])
        let changed = RecordFixtures.record(id: "h1", fieldCount: 2, replica: RecordFixtures.replica("dev-b"), seed: 2)
        let new = RecordFixtures.record(id: "h2", fieldCount: 3, seed: 3)
        // h1 merges with what is stored, so its given bytes (deliberately wrong) are not used.
        try store.merge([changed, new], encoded: [Array("not used".utf8), new.canonicalJSON])
        let merged = try #require(try store.state(collection: "honorarium", id: "h1"))
        #expect(try storedBytes(store, "h1") == merged.canonicalJSON)
        #expect(try storedBytes(store, "h2") == new.canonicalJSON)
    }

    @Test func keepsRecordsStoredFromGivenEncodingsOutOfTheDecodedStateCache() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let written = RecordFixtures.record(id: "h4", fieldCount: 2, seed: 4)
        let pulled = RecordFixtures.record(id: "h5", fieldCount: 2, seed: 5)
        try store.merge([written])
        try store.merge([pulled], encoded: [pulled.canonicalJSON])
        #expect(store.decodedStates[RecordKey(collection: "honorarium", id: "h4")] != nil)
        #expect(store.decodedStates[RecordKey(collection: "honorarium", id: "h5")] == nil)
        // Once read, it is cached like any other record.
        #expect(try store.state(collection: "honorarium", id: "h5") == pulled)
        #expect(store.decodedStates[RecordKey(collection: "honorarium", id: "h5")]?.state == pulled)
    }

    @Test func aStateSentBackAsStoredIsUnchangedWithoutDecodingTheStoredRow() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let pushed = RecordFixtures.record(id: "h6", fieldCount: 2, seed: 6)
        try store.merge([pushed], encoded: [pushed.canonicalJSON])
        let sequence = try store.lastSequence()
        let again = try store.merge([pushed], encoded: [pushed.canonicalJSON])
        #expect(again.map(\.outcome) == [.unchanged])
        #expect(again.first?.state == pushed)
        #expect(again.first?.sequence == sequence)
        #expect(try store.lastSequence() == sequence)
        // Recognised by its bytes: the stored row was not decoded (decoding caches it).
        #expect(store.decodedStates[RecordKey(collection: "honorarium", id: "h6")] == nil)
    }

    @Test func aLaterStateOfTheSameRecordStillMergesAfterOneSentBackAsStored() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let stored = RecordFixtures.record(id: "h7", fieldCount: 2, seed: 7)
        try store.merge([stored], encoded: [stored.canonicalJSON])
        let changed = RecordFixtures.record(id: "h7", fieldCount: 2, replica: RecordFixtures.replica("dev-b"), seed: 8)
        let results = try store.merge([stored, changed], encoded: [stored.canonicalJSON, changed.canonicalJSON])
        // Written concurrently by another replica: merged (in conflict here), not unchanged.
        #expect(results.map(\.outcome) == [.unchanged, .conflict])
        let merged = try stored.merged(with: changed)
        #expect(try store.state(collection: "honorarium", id: "h7") == merged)
        #expect(try storedBytes(store, "h7") == merged.canonicalJSON)
    }

    @Test func ignoresEncodingsThatDoNotMatchTheBatch() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let new = RecordFixtures.record(id: "h3", fieldCount: 1)
        try store.merge([new], encoded: [])
        #expect(try storedBytes(store, "h3") == new.canonicalJSON)
    }
}
