/// HTML text handling. Every value that did not come from the catalogue or the
/// page's own markup goes through `escape(_:)` (the admin dashboard and the field app).
public enum HTML {
    /// Escapes `text` for HTML element content and for double- or single-quoted attribute
    /// values: `&`, `<`, `>`, `"` and `'` become character references.
    ///
    /// - Parameter text: any text, e.g. a record value or a device name.
    /// - Returns: text that a browser shows literally and never parses as markup.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Percent-encodes `text` for one path segment or query value (RFC 3986 unreserved
    /// characters stay as they are). The result still needs `escape` inside an attribute
    /// only for `&` between parameters, which callers write as `&amp;`.
    public static func urlComponent(_ text: some StringProtocol) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
