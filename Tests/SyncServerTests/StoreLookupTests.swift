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

    // MARK: Carried from one write to the next

    func carryingLookup(_ directory: TemporaryDirectory) throws -> (ReplicaStore, StoreLookup) {
        let store = try ReplicaStore(path: directory.path("lookup.sqlite"))
        return (store, StoreLookup(store: store, carryCapacity: 100))
    }

    @Test func whatAScopeReadIsCarriedToTheNextWhenNothingWroteInBetween() throws {
        let directory = try TemporaryDirectory()
        let (store, lookup) = try carryingLookup(directory)
        let forum = RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 2, seed: 1)
        try store.save(forum)
        lookup.memoising { _ = lookup.state(collection: "forum", id: "f1") }
        let read = lookup.statesRead
        lookup.memoising { #expect(lookup.state(collection: "forum", id: "f1") == forum) }
        #expect(lookup.statesRead == read)
    }

    /// Stores f1, has one scope read it, lets `write` store a second state of f1 from
    /// outside any scope, and returns what the next scope reads with that second state.
    func readAfterAWriteBetweenScopes(_ write: (ReplicaStore, String, RecordState) throws -> Void) throws
        -> (read: RecordState?, written: RecordState) {
        let directory = try TemporaryDirectory()
        let (store, lookup) = try carryingLookup(directory)
        let second = RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 2, seed: 2)
        try store.save(RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 2, seed: 1))
        lookup.memoising { _ = lookup.state(collection: "forum", id: "f1") }
        try write(store, directory.path("lookup.sqlite"), second)
        return (lookup.memoising { lookup.state(collection: "forum", id: "f1") }, second)
    }

    @Test func aWriteOnTheSameConnectionBetweenScopesIsSeen() throws {
        // e.g. an admin's resolution, outside any push
        let seen = try readAfterAWriteBetweenScopes { store, _, second in try store.save(second) }
        #expect(seen.read == seen.written)
    }

    @Test func aWriteByAnotherConnectionBetweenScopesIsSeen() throws {
        // Another process (a `forum-server` command) on the same file.
        let seen = try readAfterAWriteBetweenScopes { _, path, second in try ReplicaStore(path: path).save(second) }
        #expect(seen.read == seen.written)
    }

    @Test func nothingIsCarriedFromAScopeThatThrewOrPastTheCapacity() throws {
        struct Abort: Error {}
        let directory = try TemporaryDirectory()
        let store = try ReplicaStore(path: directory.path("lookup.sqlite"))
        let lookup = StoreLookup(store: store, carryCapacity: 1)
        try store.save(RecordFixtures.record(collection: "forum", id: "f1", fieldCount: 1))
        try store.save(RecordFixtures.record(collection: "forum", id: "f2", fieldCount: 1))
        // A noted state of a rolled-back write must not outlive its scope.
        #expect(throws: Abort.self) {
            try lookup.memoising {
                lookup.note(RecordFixtures.record(collection: "forum", id: "f9", fieldCount: 1))
                throw Abort()
            }
        }
        lookup.memoising { #expect(lookup.state(collection: "forum", id: "f9") == nil) }
        // Two states read: over a capacity of one, so the next scope reads again.
        lookup.memoising {
            _ = lookup.state(collection: "forum", id: "f1")
            _ = lookup.state(collection: "forum", id: "f2")
        }
        let read = lookup.statesRead
        lookup.memoising { _ = lookup.state(collection: "forum", id: "f1") }
        #expect(lookup.statesRead == read + 1)
    }
}
