import Testing
import TestSupport
@testable import SyncCore

@Suite struct JSONByteReaderTests {
    @Test func validatesUTF8ExactlyAsTheStandardLibraryDoes() {
        var rng = SeededGenerator(seed: 42)
        // Bytes around every UTF-8 boundary, so valid, overlong, surrogate and truncated
        // sequences all occur.
        let pieces: [[UInt8]] = [[0x41], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x80, 0x80],
                                 [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBD], [0xEF, 0xBF],
                                 [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF], [0xC3, 0xA5]]
        var valid = 0
        for _ in 0..<20_000 {
            let bytes = (0..<rng.below(5)).flatMap { _ in rng.pick(pieces) }
            let expected = String(validating: bytes, as: UTF8.self)
            let actual = bytes.withUnsafeBufferPointer { JSONByteReader.validatedString($0) }
            #expect(actual == expected && actual?.utf8.elementsEqual(bytes) != false, "\(bytes)")
            if expected != nil { valid += 1 }
        }
        #expect(valid > 1_000 && valid < 19_000)
    }

    @Test(arguments: [
        ("999999999999999999", JSONValue.integer(999_999_999_999_999_999)), ("-999999999999999999", .integer(-999_999_999_999_999_999)),
        ("1000000000000000000", .integer(1_000_000_000_000_000_000)), ("9223372036854775807", .integer(.max)),
        ("-9223372036854775808", .integer(.min)), ("0", .integer(0)), ("-0", .integer(0)),
    ])
    func readsIntegersOnBothSidesOfTheUncheckedDigits(text: String, value: JSONValue) throws {
        #expect(try JSONParser().parse(text) == value)
    }

    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "10000000000000000000", "99999999999999999999"])
    func refusesIntegersBeyondInt64(text: String) {
        #expect { try JSONParser().parse(text) } throws: { ($0 as? JSONError)?.code == .integerOutOfRange }
    }
}
