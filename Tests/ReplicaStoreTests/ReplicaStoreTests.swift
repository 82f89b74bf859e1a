import Foundation
import Testing
import SQLite
import SyncCore
import TestSupport
@testable import ReplicaStore

private let devA = RecordFixtures.replica("dev-a")
private let devB = RecordFixtures.replica("dev-b")
private func t(_ ms: Int64) -> HybridTimestamp { HybridTimestamp(wallMillis: 1_764_000_000_000 + ms) }

func makeStore(_ directory: TemporaryDirectory, indexed: [String: Set<String>] = [:]) throws -> ReplicaStore {
    try ReplicaStore(path: directory.path("replica.sqlite"),
                     configuration: ReplicaStore.Configuration(indexedFields: indexed))
}

@Suite struct ReplicaStoreMergeTests {
    @Test func reportsNewChangedUnchangedAndConflict() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let base = RecordFixtures.record(id: "h1", fieldCount: 2)
        #expect(try store.merge([base]).map(\.outcome) == [.new])
        #expect(try store.merge([base]).map(\.outcome) == [.unchanged])

        var fromA = base, fromB = base
        try fromA.write(["field0": 1], by: devA, at: t(1))
        try fromB.write(["field0": 2], by: devB, at: t(2))
        #expect(try store.merge([fromA]).map(\.outcome) == [.changed])
        #expect(try store.merge([fromB]).map(\.outcome) == [.conflict])
        let stored = try #require(try store.state(collection: "honorarium", id: "h1"))
        #expect(stored.fields["field0"]?.distinctValues.count == 2)
    }

    @Test func mergesSeveralStatesOfOneRecordInOneBatch() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let base = RecordFixtures.record(id: "h1", fieldCount: 1)
        var later = base
        try later.write(["field0": 42], by: devA, at: t(5))
        let results = try store.merge([base, later])
        #expect(results.map(\.outcome) == [.new, .changed])
        #expect(try store.state(collection: "honorarium", id: "h1")?["field0"] == 42)
    }

    @Test func aFailedBatchStoresNothingNotEvenItsCheckpoint() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let good = RecordFixtures.record(id: "h1")
        let wrong = RecordFixtures.record(collection: "forum", id: "x")
        #expect(throws: ReplicaStoreError.self) {
            try store.merge([good, wrong], checkpoint: (key: "cursor", value: "9")) { state in
                if state.collection == "forum" { throw ReplicaStoreError(.invalidRecord, "refused by host") }
                return RecordAnnotations()
            }
        }
        #expect(try store.state(collection: "honorarium", id: "h1") == nil)
        #expect(try store.checkpoint("cursor") == nil)
    }

    @Test func storesTheCheckpointWithItsBatch() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.merge([RecordFixtures.record(id: "h1")], checkpoint: (key: "cursor", value: "17"))
        #expect(try store.checkpoint("cursor") == "17")
    }
}

@Suite struct ReplicaStoreFeedTests {
    @Test func feedHoldsTheLatestStateOfEachChangedRecordInOrder() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.merge((0..<5).map { RecordFixtures.record(id: "r\($0)") })
        var changed = try #require(try store.state(collection: "honorarium", id: "r1"))
        try changed.write(["field1": "ny"], by: devB, at: t(9))
        try store.merge([changed])

        let all = try store.changes(since: 0, limit: 100)
        #expect(all.changes.map(\.state.id) == ["r0", "r2", "r3", "r4", "r1"])
        #expect(all.changes.last?.state["field1"] == "ny")
        #expect(!all.hasMore)

        let first = try store.changes(since: 0, limit: 2)
        #expect(first.changes.count == 2 && first.hasMore)
        let second = try store.changes(since: first.nextSequence, limit: 10)
        #expect(second.changes.map(\.state.id) == ["r3", "r4", "r1"])
    }

    @Test func scopedFeedReturnsOnlyTaggedRecordsOnce() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.merge([RecordFixtures.record(id: "a"), RecordFixtures.record(id: "b"), RecordFixtures.record(id: "c")]) { state in
            switch state.id {
            case "a": RecordAnnotations(tags: ["m:Södertälje"])
            case "b": RecordAnnotations(tags: ["m:Norrtälje", "m:Södertälje"])
            default: RecordAnnotations(tags: ["m:Nyköping"])
            }
        }
        let page = try store.changes(since: 0, limit: 10, tags: ["m:Södertälje", "m:Norrtälje"])
        #expect(page.changes.map(\.state.id) == ["a", "b"])
        // A later save without annotations keeps the record's tags.
        var a = try #require(try store.state(collection: "honorarium", id: "a"))
        try a.write(["field1": "x"], by: devA, at: t(3))
        try store.save(a)
        let after = try store.changes(since: page.nextSequence, limit: 10, tags: ["m:Södertälje"])
        #expect(after.changes.map(\.state.id) == ["a"])
    }
}

@Suite struct ReplicaStorePendingTests {
    @Test func localWritesArePendingUntilAcknowledged() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.update(collection: "forum", id: "f1") { try $0.write(["title": "Deltagarforum"], by: devA, at: t(1)) }
        let pending = try store.pendingChanges(limit: 10)
        #expect(pending.map(\.state.id) == ["f1"])
        try store.acknowledge(pending)
        #expect(try store.pendingCount() == 0)
    }

    @Test func aWriteDuringAnInFlightPushStaysPending() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.update(collection: "forum", id: "f1") { try $0.write(["title": "A"], by: devA, at: t(1)) }
        let inFlight = try store.pendingChanges(limit: 10)
        try store.update(collection: "forum", id: "f1") { try $0.write(["title": "B"], by: devA, at: t(2)) }
        try store.acknowledge(inFlight)
        let still = try store.pendingChanges(limit: 10)
        #expect(still.count == 1)
        #expect(still.first?.state["title"] == "B")
    }

    @Test func pulledChangesAreNotPendingButKeepLocalOnesPending() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.merge([RecordFixtures.record(id: "remote", replica: devB)])
        #expect(try store.pendingCount() == 0)
        try store.update(collection: "honorarium", id: "remote") { try $0.write(["field1": "lokal"], by: devA, at: t(5)) }
        var remote = RecordFixtures.record(id: "remote", replica: devB)
        try remote.write(["field2": "fjärr"], by: devB, at: t(6))
        try store.merge([remote])
        let pending = try store.pendingChanges(limit: 10)
        #expect(pending.count == 1)
        #expect(pending.first?.state["field1"] == "lokal" && pending.first?.state["field2"] == "fjärr")
    }

    @Test func aFailingLocalWriteStoresNothing() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try store.update(collection: "forum", id: "f1") { state in
                try state.write(["title": "A"], by: devA, at: t(1))
                throw Refused()
            }
        }
        #expect(try store.state(collection: "forum", id: "f1") == nil)
    }
}

@Suite struct ReplicaStoreQueryTests {
    @Test func listsByIndexedFieldValueWithoutDeletedRecords() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir, indexed: ["attendance": ["forum"]])
        for (id, forum) in [("a1", "f1"), ("a2", "f1"), ("a3", "f2")] {
            try store.update(collection: "attendance", id: id) { try $0.write(["forum": .string(forum)], by: devA, at: t(1)) }
        }
        #expect(try store.records(in: "attendance", where: "forum", equals: "f1").map(\.id) == ["a1", "a2"])
        try store.update(collection: "attendance", id: "a2") { $0.delete(by: devA, at: t(2)) }
        #expect(try store.records(in: "attendance", where: "forum", equals: "f1").map(\.id) == ["a1"])
        #expect(try store.records(in: "attendance", where: "forum", equals: "f1", limit: 1, after: "a1").isEmpty)
        #expect(try store.count(in: "attendance") == 2)
    }

    @Test func refusesFiltersOnFieldsItDoesNotIndex() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        #expect { try store.records(in: "attendance", where: "forum", equals: "f1") } throws: {
            ($0 as? ReplicaStoreError)?.code == .fieldNotIndexed
        }
    }

    @Test func findsIdsByPrefix() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        try store.merge(["3fa1", "3fb2", "40aa"].map { RecordFixtures.record(collection: "forum", id: $0) })
        #expect(try store.ids(in: "forum", withPrefix: "3f") == ["3fa1", "3fb2"])
        #expect(try store.ids(in: "forum", withPrefix: "3fa") == ["3fa1"])
    }
}

@Suite struct ReplicaStoreConflictTests {
    @Test func listsAndCountsConflictsAndReviewFlagsWithFilters() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let clock = ManualClock(1_000)
        store.clock = WallClock { clock.now }
        func conflicted(_ id: String, collection: String = "honorarium") throws -> RecordState {
            let base = RecordFixtures.record(collection: collection, id: id, fieldCount: 2)
            var x = base, y = base
            try x.write(["field1": "x"], by: devA, at: t(1))
            try y.write(["field1": "y"], by: devB, at: t(2))
            return try x.merged(with: y)
        }
        try store.merge([try conflicted("old")])
        clock.now = 5_000
        try store.merge([try conflicted("new", collection: "forum")])
        try store.merge([RecordFixtures.record(id: "flagged")]) { _ in RecordAnnotations(reviewFlags: ["paid_amount_changed"]) }

        let counts = try store.conflictCounts()
        #expect(counts.conflicts == 2 && counts.reviewFlags == 1)
        let all = try store.conflicts()
        #expect(all.map(\.id) == ["old", "new", "flagged"])
        #expect(all.first?.fields == ["field1"])
        #expect(try store.conflicts(.init(collection: "forum")).map(\.id) == ["new"])
        #expect(try store.conflicts(.init(seenBeforeMillis: 2_000)).map(\.id) == ["old"])
        #expect(try store.conflicts(.init(field: "field0")).isEmpty)
        #expect(try store.conflicts(limit: 1, offset: 1).map(\.id) == ["new"])
    }

    @Test func resolvingClearsTheConflictButKeepsItsFirstSeenTimeWhileOpen() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let clock = ManualClock(1_000)
        store.clock = WallClock { clock.now }
        let base = RecordFixtures.record(id: "h", fieldCount: 1)
        var x = base, y = base
        try x.write(["field0": 1], by: devA, at: t(1))
        try y.write(["field0": 2], by: devB, at: t(2))
        try store.merge([x, y])
        clock.now = 9_000
        var z = base
        try z.write(["field0": 3], by: RecordFixtures.replica("dev-c"), at: t(3))
        try store.merge([z])
        #expect(try store.conflicts().first?.sinceMillis == 1_000)
        try store.update(collection: "honorarium", id: "h") { try $0.write(["field0": 2], by: .server, at: t(4)) }
        #expect(try store.conflictCounts().conflicts == 0)
    }
}
