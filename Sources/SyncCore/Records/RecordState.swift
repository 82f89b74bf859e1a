/// The replicated state of one record: a register per field plus the record's causal context.
///
/// The context says which writes to this record the state has seen; an entry whose dot the
/// context covers but that is no longer held was overwritten (or cleared) by a later write.
/// Invariant: the context covers the dot of every entry held.
public struct RecordState: Hashable, Sendable {
    /// The reserved field that marks a record deleted (`true`) or restored (`false`).
    public static let deletedField = "_deleted"

    /// The record's collection, e.g. `honorarium`.
    public let collection: String
    /// The record's id, unique within its collection.
    public let id: String
    /// Everything this state has seen of the record.
    public internal(set) var context: VersionVector
    /// Registers by field name. Empty registers are never stored.
    public internal(set) var fields: [String: FieldRegister]

    /// An empty state: nothing seen, no fields.
    public init(collection: String, id: String) {
        self.collection = collection
        self.id = id
        self.context = VersionVector()
        self.fields = [:]
    }

    /// Creates a state from parts, validating names and the context invariant.
    /// - Throws: `SyncCoreError` when a name is invalid, an entry's dot is not covered by
    ///   the context, a dot repeats within a register or a limit is exceeded.
    public init(collection: String, id: String, context: VersionVector, fields: [String: FieldRegister],
                limits: RecordLimits = RecordLimits()) throws(SyncCoreError) {
        self.collection = collection
        self.id = id
        self.context = context
        // Filtering rebuilds the Dictionary, so only when there is something to drop.
        self.fields = fields.values.contains(where: \.isEmpty) ? fields.filter { !$0.value.isEmpty } : fields
        try validate(limits: limits)
    }

    /// The visible value of a field, `nil` when unset.
    public subscript(field: String) -> JSONValue? { fields[field]?.visibleValue }

    /// Whether the record is deleted (the winner of `_deleted` is `true`).
    public var isDeleted: Bool { fields[Self.deletedField]?.visibleValue == .bool(true) }

    /// Whether nothing has ever been written to the record.
    public var isEmpty: Bool { context.isEmpty }

    /// Visible values of all non-reserved fields.
    public var visibleValues: [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (name, register) in fields where !name.hasPrefix("_") {
            if let value = register.visibleValue { values[name] = value }
        }
        return values
    }

    /// The latest timestamp of any entry held.
    public var latestTime: HybridTimestamp {
        // Without the arrays `map` would build: a pull computes this for every record.
        var latest = HybridTimestamp.zero
        for register in fields.values {
            for entry in register.entries where latest < entry.time { latest = entry.time }
        }
        return latest
    }

    /// Every dot held by any register.
    public var heldDots: Set<Dot> {
        var dots = Set<Dot>()
        for register in fields.values { for entry in register.entries { dots.insert(entry.dot) } }
        return dots
    }
}
