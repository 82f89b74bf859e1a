import SyncCore

/// One collection of the forum domain, declared once: its fields, the natural key its
/// derived ids come from, the field that decides its scope, and its own consistency rule.
public struct CollectionSpec: Sendable {
    /// How a record's municipality (its scope) is found.
    public enum Scope: Hashable, Sendable {
        /// The record's own field holds the municipality.
        case field(String)
        /// The record refers (by the named field) to a record whose scope is its own.
        case via(String)
    }

    /// The collection name.
    public let name: String
    /// Its fields, in the order the protocol document lists them.
    public let fields: [FieldSpec]
    /// The fields whose values derive the record id (PROTOCOL.md §9), `nil` for random ids.
    public let naturalKey: [String]?
    /// Where the record's municipality comes from.
    public let scope: Scope
    /// The statuses (of the field `status`) in which a facilitator may change the record;
    /// `nil` when a facilitator may change it in any status.
    public let facilitatorStatuses: Set<String>?
    /// One paragraph for the protocol document.
    public let summary: String
    /// The rules that tie fields together (beyond each field's own type), run after every
    /// field has passed its type check. Throws the first problem.
    let consistency: @Sendable (RecordState, FieldReader) throws(DomainError) -> Void
    /// The position of each field in `fields`, by name: rules look fields up at every write.
    private let fieldPositions: [String: Int]

    init(name: String, fields: [FieldSpec], naturalKey: [String]? = nil, scope: Scope,
         facilitatorStatuses: Set<String>? = nil, summary: String,
         consistency: @escaping @Sendable (RecordState, FieldReader) throws(DomainError) -> Void = { _, _ in }) {
        self.name = name
        self.fields = fields
        // The first declaration of a name wins, as `fields.first` would find it.
        self.fieldPositions = Dictionary(fields.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.naturalKey = naturalKey
        self.scope = scope
        self.facilitatorStatuses = facilitatorStatuses
        self.summary = summary
        self.consistency = consistency
    }

    /// The declaration of a field, `nil` when the collection has no such field.
    public func field(_ name: String) -> FieldSpec? { fieldPositions[name].map { fields[$0] } }

    /// The fields that refer to other records, with the collection each refers to.
    public var references: [(field: String, collection: String)] {
        fields.compactMap { spec in
            if case .reference(let collection) = spec.type { return (spec.name, collection) }
            return nil
        }
    }

    /// The names of the fields that identify a person.
    public var personalFields: [String] { fields.filter(\.identifiesPerson).map(\.name) }

    /// The id derived from a record's natural key, `nil` for collections with random ids
    /// or when a key field is not a text.
    public func derivedID(of state: RecordState) -> String? {
        guard let naturalKey else { return nil }
        var components: [String] = []
        for name in naturalKey {
            guard let value = state[name]?.stringValue else { return nil }
            components.append(value)
        }
        return RecordID.derived(collection: name, naturalKey: components)
    }
}
