/// Byte classes from RFC 9110 / RFC 9112 grammar.
enum ByteSet {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let sp: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `tchar` (RFC 9110 §5.6.2).
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// `field-vchar / SP / HTAB`, where field-vchar includes obs-text (0x80-0xFF).
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte == sp || byte == tab || (byte > 0x20 && byte != 0x7F)
    }
}
