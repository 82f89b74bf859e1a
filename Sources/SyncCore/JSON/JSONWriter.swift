/// Writes `JSONValue`s in canonical form: object keys sorted by their UTF-8 bytes, no
/// insignificant whitespace, and only the escapes JSON requires. Two equal values always
/// serialise to the same bytes, which is what lets replicas compare states byte for byte.
public enum JSONWriter {
    /// The canonical bytes of `value`.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(value, into: &out)
        return out
    }

    /// The canonical text of `value`.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Appends the canonical bytes of `value` to `out`.
    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: writeLiteral("null", into: &out)
        case .bool(true): writeLiteral("true", into: &out)
        case .bool(false): writeLiteral("false", into: &out)
        case .integer(let i): writeInteger(i, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key.string, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An upper bound of `bytes(value).count`, found without writing anything: every byte
    /// of a string or key is counted as its longest escape (`\u00XX`, six bytes), every
    /// integer as twenty characters.
    static func canonicalSizeBound(_ value: JSONValue) -> Int {
        switch value {
        case .null, .bool: return 5
        case .integer: return 20
        case .string(let s): return 2 + 6 * s.utf8.count
        case .array(let elements): return elements.reduce(2 + elements.count) { $0 + canonicalSizeBound($1) }
        case .object(let members):
            return members.reduce(2 + 2 * members.count) { $0 + 2 + 6 * $1.key.string.utf8.count + canonicalSizeBound($1.value) }
        }
    }

    /// Keys in canonical order (UTF-8 byte order).
    public static func sortedKeys<V>(_ members: [JSONKey: V]) -> [JSONKey] { members.keys.sorted() }

    /// Appends a decimal integer.
    public static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value >= 0 && value < 10 { out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value)); return }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = 20
            while magnitude > 0 {
                index -= 1
                digits[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index..<20]))
        }
    }

    /// Appends the bytes of a literal.
    @inline(__always)
    public static func writeLiteral(_ literal: StaticString, into out: inout [UInt8]) {
        literal.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// Appends a quoted, escaped string.
    public static func writeString(_ string: String, into out: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hexDigit(byte >> 4), hexDigit(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            out.append(UInt8(ascii: "\""))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension JSONValue: CustomStringConvertible {
    /// The canonical JSON text.
    public var description: String { JSONWriter.string(self) }
}
