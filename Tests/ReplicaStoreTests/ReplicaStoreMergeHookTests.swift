import Testing
import SyncCore
import TestSupport
@testable import ReplicaStore

private let devA = RecordFixtures.replica("dev-a")
private let devB = RecordFixtures.replica("dev-b")
private func t(_ ms: Int64) -> HybridTimestamp { HybridTimestamp(wallMillis: 1_764_000_000_000 + ms) }

/// A hook made of closures, counting what it is asked.
private final class Hook: MergeHook {
    var offerBody: (RecordState, RecordState?) throws -> RecordState = { incoming, _ in incoming }
    var decideBody: (RecordState, RecordState?) throws -> MergeDecision<String> = { _, _ in .store(nil) }
    var storedBody: (MergeResult, RecordState?) throws -> Void = { _, _ in }
    /// What the hook declares (`MergeHook.writesRecords`, `decidesUnchanged`).
    var writes = true
    var asksUnchanged = false
    var writesRecords: Bool { writes }
    var decidesUnchanged: Bool { asksUnchanged }
    private(set) var decided: [String] = []
    private(set) var storedIDs: [String] = []

    func offer(_ incoming: RecordState, existing: RecordState?) throws -> (state: RecordState, offer: Int) {
        (try offerBody(incoming, existing), existing == nil ? 0 : 1)
    }

    func decide(_ merged: RecordState, existing: RecordState?, offered: RecordState, offer: Int) throws -> MergeDecision<String> {
        decided.append(merged.id)
        return try decideBody(merged, existing)
    }

    func stored(_ result: MergeResult, previous: RecordState?) throws {
        storedIDs.append(result.id)
        try storedBody(result, previous)
    }
}

private func outcome(_ decided: DecidedMerge<String>) -> String {
    switch decided {
    case .merged(let result): result.outcome.rawValue
    case .refused(let reason, _): "refused: " + reason
    }
}

/// The replica store's merge with a host's say (the server's push): one merge-and-save loop
/// for every host, the write gate deciding through the hook.
@Suite struct ReplicaStoreMergeHookTests {
    @Test func aRefusedStateStoresNothingAndTheOthersGoThrough() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let hook = Hook()
        hook.decideBody = { merged, _ in merged.id == "bad" ? .refuse("no") : .store(RecordAnnotations(tags: ["m:A"])) }
        let good = RecordFixtures.record(id: "good", fieldCount: 2)
        let bad = RecordFixtures.record(id: "bad", fieldCount: 2)
        let results = try store.merge([good, bad], hook: hook)
        #expect(results.map(outcome) == ["new", "refused: no"])
        #expect(try store.state(collection: "honorarium", id: "good") == good)
        #expect(try store.state(collection: "honorarium", id: "bad") == nil)
        #expect(try store.tags(collection: "honorarium", id: "good") == ["m:A"])
        #expect(hook.storedIDs == ["good"])
    }

    @Test func aRefusalReportsTheStoredStateAndLeavesItAsItWas() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let base = RecordFixtures.record(id: "h1", fieldCount: 2)
        try store.merge([base])
        var edited = base
        try edited.write(["field0": 7], by: devB, at: t(5))
        let hook = Hook()
        hook.decideBody = { _, _ in .refuse("forbidden") }
        let results = try store.merge([edited], hook: hook)
        guard case .refused(let reason, let existing) = try #require(results.first) else {
            Issue.record("the edit was not refused")
            return
        }
        #expect(reason == "forbidden")
        #expect(existing == base)
        #expect(try store.state(collection: "honorarium", id: "h1") == base)
    }

    @Test func aStateThatAddsNothingIsUnchangedWithoutAskingTheHook() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let base = RecordFixtures.record(id: "h1", fieldCount: 2)
        try store.merge([base])
        let sequence = try store.lastSequence()
        let hook = Hook()
        hook.decideBody = { _, _ in .refuse("would refuse") }
        #expect(try store.merge([base], hook: hook).map(outcome) == ["unchanged"])
        #expect(hook.decided.isEmpty)
        #expect(try store.lastSequence() == sequence)
    }

    @Test func theHookMaySubstituteTheOfferedState() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let sent = RecordFixtures.record(id: "h1", fieldCount: 3)
        let hook = Hook()
        // As a restore's recovery drops entries the acknowledged history had overwritten.
        hook.offerBody = { incoming, _ in try incoming.replacingRegister("field2", with: []) }
        try store.merge([sent], hook: hook)
        let stored = try #require(try store.state(collection: "honorarium", id: "h1"))
        #expect(stored.fields["field2"] == nil)
        #expect(stored["field0"] == sent["field0"])
    }

    @Test func anOfferForAnotherRecordIsRefusedAsAWhole() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let hook = Hook()
        hook.offerBody = { _, _ in RecordFixtures.record(id: "other", fieldCount: 1) }
        #expect(throws: ReplicaStoreError.self) { try store.merge([RecordFixtures.record(id: "h1")], hook: hook) }
        #expect(try store.state(collection: "honorarium", id: "other") == nil)
        #expect(try store.state(collection: "honorarium", id: "h1") == nil)
    }

    /// The server's hook writes other records once a state is stored (a deleted
    /// participant's payee is deleted too); a later state of the batch for such a record
    /// merges with what the hook wrote, never with what was stored before the batch.
    @Test func aWriteOfTheHookToALaterRecordOfTheBatchIsMergedNotOverwritten() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let parent = RecordFixtures.record(id: "parent", fieldCount: 1)
        let child = RecordFixtures.record(id: "child", fieldCount: 2)
        try store.merge([parent, child])
        var childEdit = child
        try childEdit.write(["field1": "från enheten"], by: devA, at: t(10))
        var parentEdit = parent
        try parentEdit.write(["field0": 1], by: devA, at: t(10))
        let hook = Hook()
        hook.storedBody = { result, _ in
            guard result.id == "parent", var written = try store.state(collection: "honorarium", id: "child") else { return }
            try written.write(["field0": "från servern"], by: .server, at: t(20))
            try store.save(written)
        }
        let before = try store.lastSequence()
        try store.merge([parentEdit, childEdit], hook: hook)
        let stored = try #require(try store.state(collection: "honorarium", id: "child"))
        #expect(stored["field0"] == "från servern")
        #expect(stored["field1"] == "från enheten")
        // Every change got a sequence of its own: the parent, the hook's write, the child's.
        let changes = try store.changes(since: before, limit: 10).changes
        #expect(changes.map(\.state.id) == ["parent", "child"])
        #expect(changes.map(\.sequence) == [before + 1, before + 3])
    }

    /// A hook that writes no record has the batch's rows read up front (a pull page, an
    /// import): a later state of a record still merges with the earlier one of the batch,
    /// and every change gets the next sequence.
    @Test func aHookThatWritesNoRecordMergesSeveralStatesOfARecordInTurn() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let stored = RecordFixtures.record(id: "h1", fieldCount: 2)
        try store.merge([stored])
        var first = stored
        try first.write(["field0": "först"], by: devA, at: t(10))
        var second = stored
        try second.write(["field1": "sedan"], by: devB, at: t(20))
        let hook = Hook()
        hook.writes = false
        hook.decideBody = { merged, _ in .store(RecordAnnotations(tags: ["m:" + merged.id])) }
        let before = try store.lastSequence()
        let results = try store.merge([first, RecordFixtures.record(id: "h2"), second, first], hook: hook)
        #expect(results.map(outcome) == ["changed", "new", "changed", "unchanged"])
        let merged = try #require(try store.state(collection: "honorarium", id: "h1"))
        #expect(merged["field0"] == "först")
        #expect(merged["field1"] == "sedan")
        #expect(hook.storedIDs == ["h1", "h2", "h1"])
        let changes = try store.changes(since: before, limit: 10).changes
        #expect(changes.map(\.state.id) == ["h2", "h1"])
        #expect(changes.map(\.sequence) == [before + 2, before + 3])
        #expect(try store.tags(collection: "honorarium", id: "h1") == ["m:h1"])
    }

    /// An import re-files the review flags of a record it brings nothing new for: a hook
    /// asked about unchanged states replaces their flags, writing no state or sequence.
    @Test func aHookAskedAboutUnchangedStatesReplacesTheirReviewFlagsOnly() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let base = RecordFixtures.record(id: "h1", fieldCount: 2)
        try store.merge([base]) { _ in RecordAnnotations(tags: ["m:A"]) }
        let sequence = try store.lastSequence()
        for writes in [true, false] {
            let hook = Hook()
            hook.writes = writes
            hook.asksUnchanged = true
            hook.decideBody = { _, _ in .store(RecordAnnotations(tags: ["m:B"], reviewFlags: ["late_entry"])) }
            #expect(try store.merge([base], hook: hook).map(outcome) == ["unchanged"])
            #expect(hook.decided == ["h1"])
            #expect(hook.storedIDs.isEmpty)
            #expect(try store.reviewInfo(collection: "honorarium", id: "h1")?.reviewFlags == ["late_entry"])
            #expect(try store.tags(collection: "honorarium", id: "h1") == ["m:A"])
            #expect(try store.lastSequence() == sequence)
            hook.decideBody = { _, _ in .refuse("no") }
            #expect(try store.merge([base], hook: hook).map(outcome) == ["refused: no"])
            #expect(try store.reviewInfo(collection: "honorarium", id: "h1")?.reviewFlags == ["late_entry"])
            try store.merge([base]) { _ in RecordAnnotations(tags: ["m:A"]) }
            #expect(try store.reviewInfo(collection: "honorarium", id: "h1")?.reviewFlags == [])
        }
    }

    @Test func aHookThatThrowsStoresNothingOfTheBatch() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        struct Stop: Error {}
        let hook = Hook()
        hook.decideBody = { merged, _ in if merged.id == "second" { throw Stop() }; return .store(nil) }
        #expect(throws: Stop.self) {
            try store.merge([RecordFixtures.record(id: "first"), RecordFixtures.record(id: "second")], hook: hook)
        }
        #expect(try store.state(collection: "honorarium", id: "first") == nil)
    }
}
