import Foundation
import Testing
import SyncCore
import TestSupport
@testable import ReplicaStore

private let devA = RecordFixtures.replica("dev-a")

/// Tombstones a replica may drop, and purging without sequences going back.
@Suite struct ReplicaStoreTombstoneTests {
    @Test func purgingTheLatestChangeNeverHandsItsSequenceToTheNextOne() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        _ = try store.merge([RecordFixtures.record(id: "h1", fieldCount: 1), RecordFixtures.record(id: "h2", fieldCount: 1)])
        let last = try store.lastSequence()
        try store.purge(collection: "honorarium", id: "h2")
        #expect(try store.lastSequence() == last)
        _ = try store.merge([RecordFixtures.record(id: "h3", fieldCount: 1)])
        // A device whose cursor was `last` (it had h2) must still be handed h3.
        #expect(try store.changes(since: last, limit: 10).changes.map(\.state.id) == ["h3"])
    }

    @Test func onlySyncedTombstonesWithoutConflictAreListedAsDroppable() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        var gone = RecordFixtures.record(id: "h1", fieldCount: 1)
        gone.delete(by: devA, at: HybridTimestamp(wallMillis: 1_764_000_100_000))
        var pending = RecordFixtures.record(id: "h2", fieldCount: 1)
        pending.delete(by: devA, at: HybridTimestamp(wallMillis: 1_764_000_100_000))
        _ = try store.merge([gone, RecordFixtures.record(id: "h3", fieldCount: 1)])
        try store.save(pending, markPending: true)
        let future = Int64(Date().timeIntervalSince1970 * 1000) + 1000
        #expect(try store.tombstones(changedBefore: future).map(\.id) == ["h1"])
        #expect(try store.tombstones(changedBefore: 0).isEmpty)
        #expect(try store.syncedTombstoneKeys() == ["honorarium/h1"])
        #expect(try store.tombstoneCount() == 2)
    }

    @Test func droppableTombstonesAmongABatchAreTheBatchsShareOfTheFullList() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        var tombstones: [RecordState] = []
        for id in ["h1", "h2", "h3"] {
            var gone = RecordFixtures.record(id: id, fieldCount: 1)
            gone.delete(by: devA, at: HybridTimestamp(wallMillis: 1_764_000_100_000))
            tombstones.append(gone)
        }
        var pending = RecordFixtures.record(id: "h4", fieldCount: 1)
        pending.delete(by: devA, at: HybridTimestamp(wallMillis: 1_764_000_100_000))
        _ = try store.merge(tombstones + [RecordFixtures.record(id: "h5", fieldCount: 1)])
        try store.save(pending, markPending: true)
        let batch = ["h1", "h3", "h4", "h5", "h6"].map { RecordFixtures.record(id: $0, fieldCount: 1) }
        #expect(try store.syncedTombstoneKeys(among: batch) == ["honorarium/h1", "honorarium/h3"])
        #expect(try store.syncedTombstoneKeys(among: batch) == store.syncedTombstoneKeys().filter { key in
            batch.contains { "\($0.collection)/\($0.id)" == key }
        })
        #expect(try store.syncedTombstoneKeys(among: []).isEmpty)
    }
}
