import Messages

/// Why the domain layer refused a record or an operation.
///
/// The code is stable and travels in the protocol's `reason.code`; the message is built
/// from the catalogue key `domain.error.<code>` with `params`, which only ever hold field
/// names, collection names, statuses and configured limits, never record values, so no
/// personal data can reach an error text or a log.
public struct DomainError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable, CaseIterable {
        /// The collection is not one the schema declares (`ForumSchema`).
        case unknownCollection = "unknown_collection"
        /// A field the collection's declaration does not name.
        case unknownField = "unknown_field"
        /// A municipality's name is not one the server knows.
        case unknownMunicipality = "unknown_municipality"
        /// A name that decides scope is not in Unicode NFC.
        case notNormalized = "not_normalized"
        /// A required field is unset.
        case missingField = "missing_field"
        /// A field holds a value of the wrong type or outside its allowed values.
        case invalidField = "invalid_field"
        /// A text field is longer than the configured maximum.
        case textTooLong = "text_too_long"
        /// A date or time is not a valid `YYYY-MM-DD` / `YYYY-MM-DDTHH:MM:SSZ`.
        case invalidDate = "invalid_date"
        /// A forum ends at or before its start, or lasts longer than allowed.
        case endBeforeStart = "end_before_start"
        /// An amount is negative or above `maximumHonorariumKronor`.
        case amountOutOfRange = "amount_out_of_range"
        /// An honorarium status moved along no legal path.
        case illegalStatusTransition = "illegal_status_transition"
        /// A paid (or declined, waived) honorarium was changed without a correction.
        case finalStatus = "final_status"
        /// A correction was flagged but lacks a reason.
        case invalidCorrection = "invalid_correction"
        /// An honorarium would be approved or paid for an attendance marked absent.
        case absentAttendance = "absent_attendance"
        /// An honorarium would be approved or paid for a forum not marked held (planned or cancelled).
        case forumNotHeld = "forum_not_held"
        /// A record refers to a forum, participant or attendance that does not exist (or is deleted).
        case referenceMissing = "reference_missing"
        /// A record's id is not the one derived from its natural key.
        case derivedIDMismatch = "derived_id_mismatch"
        /// The actor's role may not make this change.
        case roleForbidden = "role_forbidden"
        /// The record belongs to a municipality outside the actor's.
        case outsideScope = "outside_scope"
        /// A personal identity or coordination number with a wrong form, date or check digit.
        case invalidIdentityNumber = "invalid_identity_number"
        /// A clearing number that is not 4–5 digits, or an account number that is not 1–15 digits.
        case invalidBankAccount = "invalid_bank_account"
        /// The actor's role may neither read nor write the collection (`CollectionSpec.roles`);
        /// the message names the role, never the collection (a person reads it).
        case collectionForbidden = "collection_forbidden"
        /// Payment details for a participant whose identifying data the server erased.
        case participantErased = "participant_erased"
        /// A delete would remove paid honoraria, which must be kept for the accounts.
        case hasPaidHonoraria = "has_paid_honoraria"
    }

    /// The stable code.
    public let code: Code
    /// Values for the message's placeholders: field names, statuses, limits. Never record values.
    public let params: [String: String]

    /// Creates an error.
    public init(_ code: Code, _ params: [String: String] = [:]) {
        self.code = code
        self.params = params
    }

    /// The catalogue key of the message.
    public var messageKey: MessageKey { MessageKey("domain.error.\(code.rawValue)") }

    /// The message in `language`. Honorarium statuses among the parameters (`status`,
    /// `from`, `to`) are shown by their names in that language, in lower case since they
    /// stand inside a sentence ("arvodet kan inte bli godkänt"), never as stored values.
    public func message(_ language: Language) -> String {
        DomainText.text(messageKey, language, params.reduce(into: [:]) { shown, parameter in
            shown[parameter.key] = Self.shown(parameter.key, parameter.value, language)
        })
    }

    /// A parameter as a person reads it: a status or a role by its name, anything else as it is.
    static func shown(_ name: String, _ value: String, _ language: Language) -> String {
        if name == "role", let role = Role(rawValue: value) { return DomainText.text(role.messageKey, language).lowercased() }
        guard ["status", "from", "to"].contains(name), let status = HonorariumStatus(rawValue: value) else { return value }
        return DomainText.text(status.messageKey, language).lowercased()
    }

    /// The English message for developers (the protocol's `reason.message`).
    public var message: String { message(.en) }

    public var description: String { "\(code.rawValue): \(message)" }
}
