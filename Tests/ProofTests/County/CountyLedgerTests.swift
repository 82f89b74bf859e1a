import SyncCore
import Testing

/// The ledger check must catch what it exists to catch: a lost acknowledged write and a
/// silently dropped conflict. (A checker that passes everything proves nothing.)
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
        ledger.record(.init(key: key, dot: one.dot, values: ["amount": 900], contextBefore: VersionVector()))
        ledger.record(.init(key: key, dot: two.dot, values: ["amount": 700], contextBefore: VersionVector()))
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
        ledger.record(.init(key: Self.key, dot: resolution.dot, values: ["amount": 800], contextBefore: before))
        ledger.pushed(merged, by: Self.a, status: "merged", reason: nil)
        try ledger.check { _ in merged }
        #expect(merged.fields["amount"]?.entries.count == 1)
    }
}
