import Testing
import Digest

@Suite struct HexEncodingTests {
    @Test func encodesLowercaseTwoDigitsPerByte() {
        #expect(HexEncoding.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(HexEncoding.encode([UInt8]()) == "")
    }

    @Test func decodesEitherCase() {
        #expect(HexEncoding.decode("000fA0fF") == [0x00, 0x0f, 0xa0, 0xff])
        #expect(HexEncoding.decode("") == [])
    }

    @Test(arguments: ["0", "abc", "0x00", "zz", "0 0", "ä0", "00\n"])
    func refusesInvalidHex(_ text: String) {
        #expect(HexEncoding.decode(text) == nil)
    }

    @Test func roundTripsEveryByteValue() {
        let all = (0...255).map { UInt8($0) }
        #expect(HexEncoding.decode(HexEncoding.encode(all)) == all)
    }

    @Test func encodesEveryShapeOfBytesTheSame() {
        let bytes: [UInt8] = [0xde, 0xad, 0x00, 0xbe, 0xef]
        let expected = "dead00beef"
        #expect(HexEncoding.encode(bytes[...]) == expected)
        #expect(HexEncoding.encode(bytes.lazy.map { $0 }) == expected)
        #expect(bytes.withUnsafeBytes { HexEncoding.encode($0) } == expected)
        #expect(bytes.withUnsafeBytes { HexEncoding.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(2))) } == "dead")
        #expect(bytes.withUnsafeBytes { HexEncoding.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(0))) } == "")
    }
}
