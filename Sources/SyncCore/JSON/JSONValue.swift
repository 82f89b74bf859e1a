/// A JSON value as stored in a field register.
///
/// Numbers are exact 64-bit integers: money is whole kronor and nothing in the protocol
/// needs fractions, so a fraction or exponent is refused rather than rounded.
///
/// Strings and object keys compare by their UTF-8 bytes, not as Swift's `String` does
/// (`JSONValue+Hashable.swift`, `JSONKey`): `"é"` and `"e\u{301}"` are different values
/// and different keys.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    /// Members by key; keys are told apart by their bytes.
    case object([JSONKey: JSONValue])

    /// The string, when this is a string.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    /// The integer, when this is an integer.
    public var integerValue: Int64? { if case .integer(let i) = self { i } else { nil } }
    /// The boolean, when this is a boolean.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    /// The members, when this is an object.
    public var objectValue: [JSONKey: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// A member of an object, `nil` for other values or a missing key. The key is matched
    /// by its bytes: `"é"` does not find a member `"e\u{301}"`.
    public subscript(key: String) -> JSONValue? { objectValue?[JSONKey(key)] }

    /// An object of `members`. A `[String: …]` cannot hold two keys that differ only in
    /// their bytes, so every member is kept; build a `[JSONKey: JSONValue]` for such keys.
    public init(object members: [String: JSONValue]) {
        var keyed = [JSONKey: JSONValue](minimumCapacity: members.count)
        for (key, value) in members { keyed[JSONKey(key)] = value }
        self = .object(keyed)
    }

    /// A short name of the value's type, used in error messages (never the value itself).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer: "integer"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object literal; keys are `JSONKey`s, so `["é": 1, "e\u{301}": 2]` has two members.
    public init(dictionaryLiteral elements: (JSONKey, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
