/// A record's deleted flag and the visible values of a few of its fields: what rules read
/// of a record that another record refers to (its municipality, its status, whether it
/// is deleted), without the whole state.
///
/// Made either from a whole state (every field answers) or from values a store kept
/// beside the state (only those fields answer; any other reads as unset, so a store keeps
/// every field a rule reads: `ForumSchema.factFields` declares them).
public struct RecordFacts: Sendable {
    /// Whether the record is deleted (a tombstone), as `RecordState.isDeleted`.
    public let isDeleted: Bool
    private let state: RecordState?
    /// The kept fields and their values (`nil` when unset), in the same order: a record
    /// keeps two to four facts, so a search of the names beats hashing them.
    private let names: [String]
    private let values: [JSONValue?]

    /// The facts of a whole state: every field answers as `state[field]`.
    public init(_ state: RecordState) {
        self.isDeleted = state.isDeleted
        self.state = state
        self.names = []
        self.values = []
    }

    /// Facts kept apart from the state: `values` are the visible values of the fields kept
    /// (a field without a visible value is left out).
    public init(isDeleted: Bool, values: [JSONKey: JSONValue]) {
        self.init(isDeleted: isDeleted, fields: values.keys.map(\.string), values: values.values.map { $0 })
    }

    /// Facts kept apart from the state: the visible value of each of `fields` (`nil` when
    /// unset), in the same order.
    public init(isDeleted: Bool, fields: [String], values: [JSONValue?]) {
        self.isDeleted = isDeleted
        self.state = nil
        self.names = fields
        self.values = values
    }

    /// The visible value of `field`, as `RecordState`'s subscript gives it.
    public subscript(field: String) -> JSONValue? {
        if let state { return state[field] }
        guard let index = names.firstIndex(of: field), index < values.count else { return nil }
        return values[index]
    }

    /// The visible values of `fields` of `state`, as a JSON object of those present: what a
    /// store keeps as a record's facts.
    public static func values(of state: RecordState, fields: [String]) -> JSONValue {
        var members = [JSONKey: JSONValue](minimumCapacity: fields.count)
        for field in fields {
            if let value = state[field] { members[JSONKey(field)] = value }
        }
        return .object(members)
    }
}
