import Foundation
import SyncCore

/// Reads visible field values of a state into Swift types, turning every problem into a
/// `DomainError` that names the field and never its value.
struct FieldReader {
    let state: RecordState
    let configuration: DomainConfiguration

    func value(_ name: String) -> JSONValue? {
        guard let value = state[name], !value.isNull else { return nil }
        return value
    }

    func optionalString(_ name: String, maximumLength: Int? = nil) throws(DomainError) -> String? {
        guard let value = value(name) else { return nil }
        guard let text = value.stringValue else { throw DomainError(.invalidField, ["field": name]) }
        let limit = maximumLength ?? configuration.maximumTextLength
        // A text never has more characters than UTF-8 bytes: count graphemes only when needed.
        guard text.utf8.count <= limit || text.count <= limit else {
            throw DomainError(.textTooLong, ["field": name, "limit": String(limit)])
        }
        return Self.isBlank(text) ? nil : text
    }

    /// Whether `text` is empty or only white space and newlines (what trimming them would
    /// empty), without building the trimmed string: this runs for every text field of
    /// every record the server receives.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
    }

    func string(_ name: String) throws(DomainError) -> String {
        guard let text = try optionalString(name) else { throw DomainError(.missingField, ["field": name]) }
        return text
    }

    func bool(_ name: String, default fallback: Bool) throws(DomainError) -> Bool {
        guard let value = value(name) else { return fallback }
        guard let flag = value.boolValue else { throw DomainError(.invalidField, ["field": name]) }
        return flag
    }

    func optionalInteger(_ name: String) throws(DomainError) -> Int64? {
        guard let value = value(name) else { return nil }
        guard let number = value.integerValue else { throw DomainError(.invalidField, ["field": name]) }
        return number
    }

    /// An amount in whole kronor, within `0...maximumHonorariumKronor`.
    func optionalAmount(_ name: String) throws(DomainError) -> Int64? {
        guard let amount = try optionalInteger(name) else { return nil }
        guard amount >= 0, amount <= configuration.maximumHonorariumKronor else {
            throw DomainError(.amountOutOfRange,
                              ["field": name, "limit": String(configuration.maximumHonorariumKronor)])
        }
        return amount
    }

    func amount(_ name: String) throws(DomainError) -> Int64 {
        guard let amount = try optionalAmount(name) else { throw DomainError(.missingField, ["field": name]) }
        return amount
    }

    func optionalEnum<E: RawRepresentable>(_ name: String, as type: E.Type) throws(DomainError) -> E?
        where E.RawValue == String {
        guard let value = value(name) else { return nil }
        guard let raw = value.stringValue, let result = E(rawValue: raw) else {
            throw DomainError(.invalidField, ["field": name])
        }
        return result
    }

    func enumValue<E: RawRepresentable>(_ name: String, as type: E.Type) throws(DomainError) -> E
        where E.RawValue == String {
        guard let result = try optionalEnum(name, as: type) else { throw DomainError(.missingField, ["field": name]) }
        return result
    }

    func instant(_ name: String) throws(DomainError) -> Date {
        guard let value = value(name) else { throw DomainError(.missingField, ["field": name]) }
        guard let text = value.stringValue, let date = RecordTime.instant(text) else {
            throw DomainError(.invalidDate, ["field": name])
        }
        return date
    }

    func optionalDay(_ name: String) throws(DomainError) -> String? {
        guard let value = value(name) else { return nil }
        guard let text = value.stringValue, RecordTime.isValidDay(text) else {
            throw DomainError(.invalidDate, ["field": name])
        }
        return text
    }

    func expectCollection(_ collection: String) throws(DomainError) {
        guard state.collection == collection else { throw DomainError(.unknownCollection, ["collection": collection]) }
    }
}

extension Optional where Wrapped == String {
    /// The value to write for an optional text: the text, or `null` to clear the field.
    var json: JSONValue { map { .string($0) } ?? .null }
}
