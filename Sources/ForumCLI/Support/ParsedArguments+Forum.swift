import ArgumentParsing
import Foundation
import Messages

extension ParsedArguments {
    /// The value of `name`, which the command cannot do without.
    ///
    /// - Throws: `UsageError` (`invalid_value`, "required") when it was not given.
    func required(_ name: String, _ l: Localizer) throws(UsageError) -> String {
        guard let value = string(name) else { throw missing(name, l) }
        return value
    }

    /// The `invalid_value` error for a value the command needs and did not get.
    func missing(_ name: String, _ l: Localizer) -> UsageError {
        invalidValue(name, reason: l["client.reason.required"])
    }

    /// `--name` as a time (or a day) in Stockholm time; `nil` if absent.
    ///
    /// - Throws: `UsageError` with the time parser's reason for a value it cannot read.
    func date(_ name: String, _ l: Localizer) throws(UsageError) -> Date? {
        guard let text = string(name) else { return nil }
        do { return try StockholmTime.parse(text) } catch {
            throw invalidValue(name, reason: l[error.messageKey])
        }
    }
}
