import Testing
@testable import SyncCore

/// Keys and strings are compared by their UTF-8 bytes, as RFC 8259 does (PROTOCOL.md §2):
/// `"é"` (U+00E9) and `"e\u0301"` (e, combining acute) look alike and Swift's `String`
/// takes them for equal, but they are different bytes, so they are different keys and
/// different values. Nothing is normalised anywhere.
@Suite struct JSONByteEqualityTests {
    static let precomposed = "\u{E9}"
    static let decomposed = "e\u{301}"

    @Test func theTwoSpellingsAreDifferentBytesThatSwiftTakesForEqual() {
        #expect(Array(Self.precomposed.utf8) == [0xC3, 0xA9])
        #expect(Array(Self.decomposed.utf8) == [0x65, 0xCC, 0x81])
        #expect(Self.precomposed == Self.decomposed, "the premise: String equality is canonical equivalence")
    }

    @Test func stringValuesOfTheTwoSpellingsAreNotEqual() {
        #expect(JSONValue.string(Self.precomposed) != .string(Self.decomposed))
        #expect(Set<JSONValue>([.string(Self.precomposed), .string(Self.decomposed)]).count == 2)
        #expect(JSONValue.array([.string(Self.precomposed)]) != .array([.string(Self.decomposed)]))
    }

    @Test func rewritingATextInTheOtherSpellingIsAWrite() throws {
        let replica = try #require(ReplicaID("dev-a"))
        var state = RecordState(collection: "forum", id: "f1")
        try state.write(["title": .string(Self.precomposed)], by: replica, at: HybridTimestamp(wallMillis: 1))
        let rewrite = try state.write(["title": .string(Self.decomposed)], by: replica, at: HybridTimestamp(wallMillis: 2))
        #expect(rewrite != nil, "not taken for unchanged")
        #expect(state.fields["title"]?.visibleValue.map(JSONWriter.bytes) == JSONWriter.bytes(.string(Self.decomposed)))
    }

    @Test func concurrentWritesOfTheTwoSpellingsAreAConflict() throws {
        let a = try #require(ReplicaID("dev-a")), b = try #require(ReplicaID("dev-b"))
        var first = RecordState(collection: "forum", id: "f1")
        var second = first
        try first.write(["title": .string(Self.precomposed)], by: a, at: HybridTimestamp(wallMillis: 1))
        try second.write(["title": .string(Self.decomposed)], by: b, at: HybridTimestamp(wallMillis: 1))
        let merged = try first.merged(with: second)
        #expect(merged.fields["title"]?.isInConflict == true)
        #expect(merged.fields["title"]?.distinctValues.count == 2)
    }
}
