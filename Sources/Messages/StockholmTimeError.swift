/// Why a text could not be read as a Stockholm date or time.
///
/// The message never repeats the text given, which might be personal data (a birth
/// date). `messageKey` names the translated text for users.
public struct StockholmTimeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stable code: `invalid_format`, `out_of_range` or `nonexistent_time`.
    public let code: String
    /// An English message for developers and logs.
    public let message: String

    /// The catalogue key of the user-facing text, `time.error.<code>`.
    public var messageKey: MessageKey { MessageKey("time.error.\(code)") }

    public var description: String { "\(code): \(message)" }

    static let invalidFormat = StockholmTimeError(
        code: "invalid_format", message: "expected YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DDTHH:MM")
    static let outOfRange = StockholmTimeError(
        code: "out_of_range", message: "month, day, hour or minute out of range")
    static let nonexistentTime = StockholmTimeError(
        code: "nonexistent_time", message: "local time skipped by the change to summer time")
}
