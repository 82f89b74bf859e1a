/// Base-16 encoding of bytes, as used for digests and tokens.
public enum HexEncoding {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Returns `bytes` as lowercase hexadecimal, two characters per byte.
    ///
    /// - Parameter bytes: The bytes to encode.
    public static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        // Contiguous bytes (arrays, digests) take the loop over raw memory: the generic
        // loop, not specialised across the module boundary, cost a derived record id more
        // than its SHA-256 (issue 21's profile).
        if let text = bytes.withContiguousStorageIfAvailable({ encode(UnsafeRawBufferPointer($0)) }) { return text }
        return Array(bytes).withUnsafeBytes { encode($0) }
    }

    /// Returns the bytes in raw memory as lowercase hexadecimal, two characters per byte.
    ///
    /// - Parameter bytes: The bytes to encode.
    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        guard !bytes.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            digits.withUnsafeBufferPointer { digits in
                var at = 0
                for byte in bytes {
                    text[at] = digits[Int(byte >> 4)]
                    text[at + 1] = digits[Int(byte & 0x0f)]
                    at += 2
                }
                return at
            }
        }
    }

    /// Decodes hexadecimal text, or returns `nil` when it is not valid hex.
    ///
    /// Upper- and lowercase digits are accepted. Odd lengths, whitespace, a `0x` prefix and
    /// any other character are refused rather than skipped.
    ///
    /// - Parameter text: The hexadecimal text.
    public static func decode<S: StringProtocol>(_ text: S) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8? = nil
        for character in utf8 {
            guard let value = nibble(character) else { return nil }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
