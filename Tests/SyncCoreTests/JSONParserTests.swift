import Testing
@testable import SyncCore

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let v = try JSONParser().parse(#" {"a": [1, -2, true, false, null, "x\u00e5\ud83d\ude00"], "b": {}} "#)
        #expect(v == ["a": [1, -2, true, false, nil, "xå😀"], "b": [:]])
    }

    @Test func integersAreExactAtTheEdges() throws {
        #expect(try JSONParser().parse("9223372036854775807") == .integer(.max))
        #expect(try JSONParser().parse("-9223372036854775808") == .integer(.min))
    }

    @Test(arguments: [
        ("9223372036854775808", "json_integer_out_of_range"),
        ("1.5", "json_fraction_not_allowed"),
        ("1e3", "json_fraction_not_allowed"),
        ("01", "json_invalid_number"),
        (#"{"a":1,"a":2}"#, "json_duplicate_key"),
        ("[1,]", "json_unexpected_character"),
        ("[1] x", "json_trailing_data"),
        (#""\ud800""#, "json_invalid_string"),
        ("\"a\u{01}\"", "json_invalid_string"),
        ("[", "json_unexpected_end"),
        ("", "json_unexpected_end"),
    ])
    func refusesMalformedInput(text: String, code: String) {
        #expect { try JSONParser().parse(text) } throws: { ($0 as? JSONError)?.code.rawValue == code }
    }

    @Test func refusesInvalidUTF8() {
        #expect { try JSONParser().parse([0x22, 0xC3, 0x28, 0x22]) } throws: {
            ($0 as? JSONError)?.code == .invalidUTF8
        }
    }

    @Test func boundsNestingDepth() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect { try JSONParser().parse(deep) } throws: { ($0 as? JSONError)?.code == .tooDeep }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONParser().parse(ok) }
    }

    @Test func writerIsCanonicalAndRoundTrips() throws {
        let v: JSONValue = ["b": 1, "a": ["x\n\"", nil], "å": false]
        let text = JSONWriter.string(v)
        #expect(text == #"{"a":["x\n\"",null],"b":1,"å":false}"#)
        #expect(try JSONParser().parse(text) == v)
    }
}
