import Testing
@testable import SyncCore

/// `JSONKey`: an object key compared, hashed and ordered by its UTF-8 bytes.
@Suite struct JSONKeyTests {
    static let precomposed = JSONKey("\u{E9}")
    static let decomposed = JSONKey("e\u{301}")

    @Test func keysOfDifferentBytesAreDifferentKeysEvenWhereStringsAreEqual() {
        #expect(Self.precomposed != Self.decomposed)
        #expect(Set([Self.precomposed, Self.decomposed]).count == 2)
        // U+212A KELVIN SIGN is canonically equivalent to "K".
        #expect("\u{212A}" == "K")
        #expect(JSONKey("\u{212A}") != "K")
        #expect(JSONKey("K") == "K")
    }

    @Test func ordersByBytesAsCanonicalFormDoes() {
        let keys: [JSONKey] = ["\u{E9}", "a", "_", "e\u{301}", "Z", "ö", ""]
        #expect(keys.sorted() == ["", "Z", "_", "a", "e\u{301}", "\u{E9}", "ö"])
        #expect(keys.sorted().map(\.string.utf8).map(Array.init) == keys.map(\.string.utf8).map(Array.init).sorted {
            $0.lexicographicallyPrecedes($1)
        })
    }

    @Test func keepsTheTextAsGivenAndDescribesItselfByIt() {
        #expect(Array(Self.decomposed.string.utf8) == [0x65, 0xCC, 0x81])
        #expect(Self.decomposed.description.utf8.elementsEqual("e\u{301}".utf8))
    }

    @Test func anObjectLiteralAndAnObjectOfStringKeysKeepEveryMember() {
        let literal: JSONValue = ["\u{E9}": 1, "e\u{301}": 2]
        #expect(literal.objectValue?.count == 2)
        #expect(JSONWriter.bytes(literal) == Array("{\"e\u{301}\":2,\"\u{E9}\":1}".utf8))
        let keyed = JSONValue(object: ["b": 2, "a": 1])
        #expect(keyed == ["a": 1, "b": 2])
        #expect(keyed["a"] == 1 && keyed["\u{E9}"] == nil)
    }

    @Test func theParserKeepsKeysThatStringsWouldMerge() throws {
        let value = try JSONParser().parse(#"{"K":1,"\u212a":2}"#)
        #expect(value.objectValue?.count == 2)
        #expect(value["K"] == 1 && value["\u{212A}"] == 2)
    }
}
