/// The key of a member of a JSON object, compared by its UTF-8 bytes as RFC 8259 compares
/// keys (PROTOCOL.md §2).
///
/// Swift's `String` compares by Unicode canonical equivalence, so as a Dictionary key it
/// takes `"é"` (U+00E9, bytes C3 A9) and `"e\u{301}"` (65 CC 81) for one key. In JSON they
/// are two: an object may hold both, and canonical form writes both, sorted by their bytes.
/// `JSONKey` wraps the key's text and uses its bytes for `==`, `hash(into:)` and `<`.
public struct JSONKey: Hashable, Comparable, Sendable {
    /// The key's text, exactly as read or given (never normalised).
    public let string: String

    /// A key of exactly the bytes of `string`.
    public init(_ string: String) { self.string = string }

    /// Whether both keys have the same UTF-8 bytes.
    public static func == (lhs: JSONKey, rhs: JSONKey) -> Bool { lhs.string.hasSameUTF8Bytes(as: rhs.string) }

    /// Hashes the key's UTF-8 bytes, consistently with `==`.
    public func hash(into hasher: inout Hasher) { string.hashUTF8Bytes(into: &hasher) }

    /// Canonical member order: the keys' UTF-8 bytes compared lexicographically
    /// (`Z` < `_` < `a` < `e\u{301}` < `é`).
    public static func < (lhs: JSONKey, rhs: JSONKey) -> Bool {
        lhs.string.withUTF8Bytes { a in rhs.string.withUTF8Bytes { b in a.lexicographicallyPrecedes(b) } }
    }
}

extension JSONKey: ExpressibleByStringLiteral {
    /// A key written as a literal, e.g. `object["collection"]`.
    public init(stringLiteral value: String) { self.init(value) }
}

extension JSONKey: CustomStringConvertible {
    /// The key's text.
    public var description: String { string }
}
