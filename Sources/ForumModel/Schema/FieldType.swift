import Foundation
import SyncCore

/// What a field of a forum record holds, as the protocol's domain section (PROTOCOL.md
/// part two) names it. Validation, the admin's resolve form and the field app's forms all
/// read the type from here.
public enum FieldType: Hashable, Sendable {
    /// A text of at most `DomainConfiguration.maximumTextLength` characters (200).
    case text
    /// Minutes: a text of at most `DomainConfiguration.maximumMinutesLength` characters.
    case longText
    /// Whole kronor, `0...DomainConfiguration.maximumHonorariumKronor`.
    case amount
    /// `true` or `false`.
    case boolean
    /// One of a closed set of strings.
    case choice([String])
    /// A UTC instant `YYYY-MM-DDTHH:MM:SSZ`.
    case instant
    /// A day `YYYY-MM-DD`.
    case day
    /// The id of a record of the named collection.
    case reference(String)
    /// A municipality's name: NFC-normalised and one the server knows
    /// (`DomainConfiguration.municipalities`).
    case municipality
    /// An honorarium correction: `{"reason": text, "at": instant}`.
    case correction
    /// A personal identity number or coordination number in the form `YYYYMMDD-NNNN`,
    /// with a valid date (day + 60 for a coordination number) and Luhn check digit
    /// (`IdentityNumber`).
    case identityNumber
    /// A bank clearing number: 4 or 5 digits.
    case clearingNumber
    /// A bank account number: 1 to 15 digits.
    case accountNumber

    /// The type's name in the protocol document.
    public var protocolName: String {
        switch self {
        case .text: "text"
        case .longText: "long text"
        case .amount: "amount"
        case .boolean: "boolean"
        case .choice(let values): "one of " + values.map { "`\($0)`" }.joined(separator: ", ")
        case .instant: "instant"
        case .day: "day"
        case .reference(let collection): "id of a `\(collection)`"
        case .municipality: "municipality"
        case .correction: "correction"
        case .identityNumber: "identity number"
        case .clearingNumber: "clearing number"
        case .accountNumber: "account number"
        }
    }

    /// Whether values of this type are JSON integers (the admin's resolve form parses them so).
    public var isInteger: Bool { self == .amount }
    /// Whether values of this type are JSON booleans.
    public var isBoolean: Bool { self == .boolean }
}

extension FieldType {
    /// The value a person's typed `text` stands for in a field of this type, `nil` when it
    /// is not one: an amount as whole kronor (`700`), a boolean as `true`/`false` or
    /// `ja`/`nej`, a choice as one of its values, a municipality NFC-normalised, other
    /// texts as they are (trimmed); an identity number, clearing or account number as
    /// people write it, in its stored form. The admin's resolve (CLI and dashboard) reads input so.
    /// Limits are checked afterwards, by validation, with their own codes.
    public func value(parsing text: String) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .amount:
            return Int64(trimmed).map(JSONValue.integer)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "ja", "yes": return .bool(true)
            case "false", "nej", "no": return .bool(false)
            default: return nil
            }
        case .choice(let values):
            return values.contains(trimmed) ? .string(trimmed) : nil
        case .municipality:
            return trimmed.isEmpty ? nil : .string(trimmed.precomposedStringWithCanonicalMapping)
        case .correction:
            return nil
        case .identityNumber:
            return IdentityNumber(parsing: trimmed).map { .string($0.canonical) }
        case .clearingNumber:
            return Payee.clearingNumber(parsing: trimmed).map(JSONValue.string)
        case .accountNumber:
            return Payee.accountNumber(parsing: trimmed).map(JSONValue.string)
        case .text, .longText, .instant, .day, .reference:
            return trimmed.isEmpty ? nil : .string(trimmed)
        }
    }
}
