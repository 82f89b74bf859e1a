/// Equality and hashing of JSON values as JSON defines them: strings are equal when their
/// UTF-8 bytes are (RFC 8259 §8.3), never by Unicode canonical equivalence as Swift's
/// `String` compares. So `"é"` (U+00E9) and `"e\u{301}"` are different values: a write of
/// one over the other is a change, concurrent writes of both are a conflict, and nothing
/// that compares values normalises either (PROTOCOL.md §2).
extension JSONValue: Hashable {
    /// Whether both are the same JSON value, strings compared by their bytes.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.string(let a), .string(let b)): a.hasSameUTF8Bytes(as: b)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    /// Hashes the value consistently with `==`: strings by their bytes.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b): hasher.combine(1 as UInt8); hasher.combine(b)
        case .integer(let i): hasher.combine(2 as UInt8); hasher.combine(i)
        case .string(let s): hasher.combine(3 as UInt8); s.hashUTF8Bytes(into: &hasher)
        case .array(let elements): hasher.combine(4 as UInt8); hasher.combine(elements)
        case .object(let members): hasher.combine(5 as UInt8); hasher.combine(members)
        }
    }
}
