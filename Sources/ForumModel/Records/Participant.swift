import SyncCore

/// A person who takes part in forums, by name or by pseudonym.
///
/// Sensitive personal data: the display name, association and contact of an `anonymous`
/// participant never appear in minutes, reports or the admin's views (see `Redaction`).
public struct Participant: Hashable, Sendable {
    /// The collection name.
    public static let collection = "participant"

    /// Field names in the record.
    /// The display name an erased participant keeps (the field is required); views show
    /// their own words for an erased participant, never this.
    public static let erasedName = "-"

    public enum Field {
        public static let displayName = "displayName"
        public static let association = "association"
        public static let contact = "contact"
        public static let municipality = "municipality"
        public static let anonymous = "anonymous"
        public static let consentGiven = "consentGiven"
        public static let consentDate = "consentDate"
        /// Set by the server's erasure: the identifying fields were cleared.
        public static let erased = "erased"
        /// The fields redaction hides for an anonymous participant: those the schema
        /// declares as identifying a person.
        public static var personal: [String] { ForumSchema.participant.personalFields }
    }

    /// The record id (random).
    public var id: String
    /// The name (or pseudonym) the participant chose.
    public var displayName: String
    /// The user association the participant represents or belongs to, e.g. RSMH.
    public var association: String?
    /// Phone or e-mail, for the facilitator only.
    public var contact: String?
    /// The participant's municipality; decides who may edit the record.
    public var municipality: String
    /// Whether the participant is anonymous in minutes, reports and surveys.
    public var anonymous: Bool
    /// Whether consent to store the data was given.
    public var consentGiven: Bool
    /// The day consent was given (`YYYY-MM-DD`); required when `consentGiven`.
    public var consentDate: String?
    /// Whether the server erased the identifying data (`displayName` is then `erasedName`).
    public var erased = false

    /// Creates a participant.
    public init(id: String, displayName: String, association: String? = nil, contact: String? = nil,
                municipality: String, anonymous: Bool = false, consentGiven: Bool = false, consentDate: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.association = association
        self.contact = contact
        self.municipality = municipality
        self.anonymous = anonymous
        self.consentGiven = consentGiven
        self.consentDate = consentDate
    }

    /// Reads and validates a participant record's visible values.
    /// - Throws: `DomainError` for the first problem `ForumSchema` finds.
    public init(_ state: RecordState, configuration: DomainConfiguration = DomainConfiguration()) throws(DomainError) {
        let reader = FieldReader(state: state, configuration: configuration)
        try reader.expectCollection(Self.collection)
        try ForumSchema.participant.validate(state, configuration: configuration)
        id = state.id
        displayName = try reader.string(Field.displayName)
        association = try reader.optionalString(Field.association)
        contact = try reader.optionalString(Field.contact)
        municipality = try reader.string(Field.municipality)
        anonymous = try reader.bool(Field.anonymous, default: false)
        consentGiven = try reader.bool(Field.consentGiven, default: false)
        consentDate = try reader.optionalDay(Field.consentDate)
        erased = try reader.bool(Field.erased, default: false)
    }

    /// The values to write for this participant.
    public var fields: [String: JSONValue] {
        [
            Field.displayName: .string(displayName), Field.association: association.json, Field.contact: contact.json,
            Field.municipality: .string(municipality), Field.anonymous: .bool(anonymous),
            Field.consentGiven: .bool(consentGiven), Field.consentDate: consentDate.json,
        ]
    }

    /// Whether a participant state must be treated as anonymous.
    ///
    /// Conservative on purpose: anonymous when *any* entry of the `anonymous` register is
    /// `true`, so a concurrent "anonymous"/"named" conflict hides the name until resolved.
    public static func isAnonymous(_ state: RecordState) -> Bool {
        state.fields[Field.anonymous]?.entries.contains { $0.value == .bool(true) } ?? false
    }
}
