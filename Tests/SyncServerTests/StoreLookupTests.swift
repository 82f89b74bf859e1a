@testable import SyncServer

import ReplicaStore
import SyncCore
import Testing
import TestSupport

@Suite struct StoreLookupTests {
    func lookup(_ directory: TemporaryDirectory) throws -> (ReplicaStore, StoreLookup) {
        let store = try ReplicaStore(path: directory.path("lookup.sqlite"))
        return (store, StoreLookup(store: store))
    }

    @Test func memoisesReadsAndNotedWritesOnlyInsideMemoising() throws {
        let directory = try TemporaryDirectory()
        let (store, lookup) = try lookup(directory)
        let first = RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 2, seed: 1)
        let second = RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 2, seed: 2)
        try store.save(first)
        lookup.memoising {
            #expect(lookup.state(collection: "forum", id: "f1") == first)
            #expect(lookup.state(collection: "forum", id: "f2") == nil)
            // A write behind the memo's back is not seen: every push write must be noted.
            _ = try? store.save(second)
            #expect(lookup.state(collection: "forum", id: "f1") == first)
            lookup.note(second)
            #expect(lookup.state(collection: "forum", id: "f1") == second)
            let created = RecordFixtures.record(collection: "forum", id: "f2", fieldCount: 1)
            lookup.note(created)
            #expect(lookup.state(collection: "forum", id: "f2") == created)
        }
        // Outside, every read goes to the store again (nothing stored for f2).
        #expect(lookup.state(collection: "forum", id: "f2") == nil)
        #expect(lookup.state(collection: "forum", id: "f1") == second)
    }

    @Test func theMemoIsDroppedWhenTheBodyThrows() throws {
        struct Abort: Error {}
        let directory = try TemporaryDirectory()
        let (store, lookup) = try lookup(directory)
        #expect(throws: Abort.self) {
            try lookup.memoising {
                lookup.note(RecordFixtures.record(collection: "forum", id: "f9", fieldCount: 1))
                throw Abort()
            }
        }
        #expect(lookup.state(collection: "forum", id: "f9") == nil)
        #expect(try store.state(collection: "forum", id: "f9") == nil)
    }
}
