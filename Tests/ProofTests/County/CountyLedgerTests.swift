import SyncCore
import Testing

/// The ledger check must catch what it exists to catch: a lost acknowledged write, a
/// silently dropped conflict and a refused write that reached the server. (A checker that
/// passes everything proves nothing.)
@Suite struct CountyLedgerTests {
    static let a = ReplicaID("dev-a") ?? .server
    static let b = ReplicaID("dev-b") ?? .server
    static let key = CountyLedger.RecordKey(collection: "honorarium", id: "h1")

    /// Two devices write `amount` concurrently; both pushes are acknowledged.
    static func concurrentWrites() throws -> (ledger: CountyLedger, merged: RecordState, first: RecordState) {
        var ledger = CountyLedger()
        var first = RecordState(collection: "honorarium", id: "h1")
        var second = first
        let one = try #require(try first.write(["amount": 900], by: a, at: HybridTimestamp(wallMillis: 1)))
        let two = try #require(try second.write(["amount": 700], by: b, at: HybridTimestamp(wallMillis: 2)))
        ledger.record(.init(key: key, dot: one.dot, time: one.time, values: ["amount": 900], contextBefore: VersionVector()))
        ledger.record(.init(key: key, dot: two.dot, time: two.time, values: ["amount": 700], contextBefore: VersionVector()))
        ledger.pushed(first, by: a, status: "merged", reason: nil)
        ledger.pushed(second, by: b, status: "conflict", reason: nil)
        return (ledger, try first.merged(with: second), first)
    }

    @Test func acceptsAServerShowingBothConcurrentValues() throws {
        let (ledger, merged, _) = try Self.concurrentWrites()
        try ledger.check { _ in merged }
    }

    @Test func reportsAnAcknowledgedWriteTheServerNeverStored() throws {
        let (ledger, _, first) = try Self.concurrentWrites()
        #expect(throws: CountyFailure.self) { try ledger.check { _ in first } }
    }

    @Test func reportsAConflictCollapsedWithoutAResolution() throws {
        let (ledger, merged, _) = try Self.concurrentWrites()
        // A server that kept the context but dropped one entry: the write looks seen, yet nobody overwrote it.
        var fields = merged.fields
        fields["amount"] = FieldRegister(Array(merged.fields["amount"]?.entries.prefix(1) ?? []))
        let collapsed = try RecordState(collection: "honorarium", id: "h1", context: merged.context, fields: fields)
        #expect(throws: CountyFailure.self) { try ledger.check { _ in collapsed } }
    }

    @Test func acceptsAResolutionThatSawBothValues() throws {
        var (ledger, merged, _) = try Self.concurrentWrites()
        let before = merged.context
        let resolution = try #require(try merged.write(["amount": 800], by: Self.a, at: HybridTimestamp(wallMillis: 3)))
        ledger.record(.init(key: Self.key, dot: resolution.dot, time: resolution.time, values: ["amount": 800], contextBefore: before))
        ledger.pushed(merged, by: Self.a, status: "merged", reason: nil)
        try ledger.check { _ in merged }
        #expect(merged.fields["amount"]?.entries.count == 1)
    }

    /// Device a's change of `amount` on top of the merged record is refused; the server
    /// keeps `merged` (PROTOCOL.md §8), and a puts its copy back to it.
    static func refusedChange() throws -> (ledger: CountyLedger, merged: RecordState, refused: RecordState) {
        var (ledger, merged, _) = try concurrentWrites()
        var refused = merged
        let stamp = try #require(try refused.write(["amount": 5000], by: a, at: HybridTimestamp(wallMillis: 3)))
        ledger.record(.init(key: key, dot: stamp.dot, time: stamp.time, values: ["amount": 5000], contextBefore: merged.context))
        ledger.pushed(refused, by: a, status: "refused", reason: "amount_out_of_range", withState: true)
        return (ledger, merged, refused)
    }

    @Test func acceptsAServerThatStoredNothingOfARefusedWrite() throws {
        let (ledger, merged, _) = try Self.refusedChange()
        try ledger.check { _ in merged }
        #expect(ledger.refusals == 1 && ledger.refusalsWithState == 1)
    }

    @Test func reportsARefusedWriteTheServerStored() throws {
        let (ledger, _, refused) = try Self.refusedChange()
        #expect(throws: CountyFailure.self) { try ledger.check { _ in refused } }
    }

    /// After the refusal the device's next write takes the refused write's dot again: a
    /// different write, acknowledged and checked as such.
    @Test func tellsALaterWriteThatReusesARefusedDotFromTheRefusedOne() throws {
        var (ledger, merged, refused) = try Self.refusedChange()
        let earlier = merged
        let stamp = try #require(try merged.write(["amount": 800], by: Self.a, at: HybridTimestamp(wallMillis: 4)))
        #expect(refused.context[Self.a] == merged.context[Self.a], "the same dot again")
        ledger.record(.init(key: Self.key, dot: stamp.dot, time: stamp.time, values: ["amount": 800], contextBefore: earlier.context))
        ledger.pushed(merged, by: Self.a, status: "merged", reason: nil)
        #expect(ledger.acknowledgedCount == 3)
        try ledger.check { _ in merged }
        // A server whose context covers the dot but that lost the later write is caught.
        let lost = try RecordState(collection: "honorarium", id: "h1", context: merged.context, fields: earlier.fields)
        #expect(throws: CountyFailure.self) { try ledger.check { _ in lost } }
    }
}
