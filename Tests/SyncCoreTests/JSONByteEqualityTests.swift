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

    @Test func anObjectWithBothSpellingsAsKeysHoldsTwoMembers() throws {
        let value = try JSONParser().parse(#"{"\u00e9":1,"e\u0301":2}"#)
        #expect(value.objectValue?.count == 2)
        #expect(value[Self.precomposed] == 1)
        #expect(value[Self.decomposed] == 2)
    }

    @Test func canonicalOutputWritesBothMembersSortedByTheirBytes() throws {
        let value = try JSONParser().parse("{\"\(Self.precomposed)\":1,\"\(Self.decomposed)\":2}")
        // 0x65 ("e") sorts before 0xC3 (the first byte of "é").
        let expected = Array("{\"\(Self.decomposed)\":2,\"\(Self.precomposed)\":1}".utf8)
        #expect(JSONWriter.bytes(value) == expected)
        #expect(try JSONParser().parse(JSONWriter.bytes(value)) == value)
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#,
        #"{"a":1,"\u0061":2}"#,
        "{\"\u{E9}\":1,\"\\u00e9\":2}",
        #"{"e\u0301":1,"e\u0301":2}"#,
        "{\"e\u{301}\":1,\"e\\u0301\":2}",
    ])
    func byteIdenticalKeysAreStillADuplicate(text: String) {
        #expect { try JSONParser().parse(text) } throws: { ($0 as? JSONError)?.code == .duplicateKey }
    }

    @Test func stringValuesOfTheTwoSpellingsAreNotEqual() {
        #expect(JSONValue.string(Self.precomposed) != .string(Self.decomposed))
        #expect(Set<JSONValue>([.string(Self.precomposed), .string(Self.decomposed)]).count == 2)
        #expect(JSONValue.array([.string(Self.precomposed)]) != .array([.string(Self.decomposed)]))
    }

    @Test func objectsWhoseKeysAreTheTwoSpellingsAreNotEqual() throws {
        let precomposed = try JSONParser().parse(#"{"\u00e9":1}"#)
        let decomposed = try JSONParser().parse(#"{"e\u0301":1}"#)
        #expect(precomposed != decomposed)
        #expect(Set([precomposed, decomposed]).count == 2)
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
