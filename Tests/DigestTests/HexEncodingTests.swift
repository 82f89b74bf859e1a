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
}
