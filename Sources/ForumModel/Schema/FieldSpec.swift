/// One field of a collection: its name, type, whether it is required, whether it
/// identifies a person, and which roles may write it.
public struct FieldSpec: Hashable, Sendable {
    /// The field name as it appears in record states.
    public let name: String
    /// What the field holds.
    public let type: FieldType
    /// Whether a live record must have a non-null value.
    public let required: Bool
    /// Whether the value identifies a person (hidden for anonymous participants, cleared
    /// by an erasure).
    public let identifiesPerson: Bool
    /// The roles that may write the field; admins write only to resolve conflicts.
    public let writers: Set<Role>
    /// One line for the protocol document.
    public let summary: String

    /// Declares a field.
    public init(_ name: String, _ type: FieldType, required: Bool = false, identifiesPerson: Bool = false,
                writers: Set<Role> = [.facilitator, .coordinator], _ summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.identifiesPerson = identifiesPerson
        self.writers = writers
        self.summary = summary
    }
}
