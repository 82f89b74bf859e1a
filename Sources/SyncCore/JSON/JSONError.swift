/// Why bytes could not be read as JSON. Carries a position, never the offending content.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable {
        case unexpectedEnd = "json_unexpected_end"
        case unexpectedCharacter = "json_unexpected_character"
        case invalidNumber = "json_invalid_number"
        case fractionNotAllowed = "json_fraction_not_allowed"
        case integerOutOfRange = "json_integer_out_of_range"
        case invalidString = "json_invalid_string"
        case invalidUTF8 = "json_invalid_utf8"
        case duplicateKey = "json_duplicate_key"
        case tooDeep = "json_too_deep"
        case trailingData = "json_trailing_data"
    }

    /// The stable code.
    public let code: Code
    /// Byte offset where reading stopped.
    public let offset: Int

    public var description: String { "\(code.rawValue) at byte \(offset)" }
}
