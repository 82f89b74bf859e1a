/// A multi-value register: the values of one field that no replica has yet overwritten
/// with knowledge of the others.
///
/// After a merge a register holds one entry, or several when writes were concurrent. Entries
/// are kept in canonical order (by dot), so equal registers are equal value for value.
public struct FieldRegister: Hashable, Sendable {
    /// Entries in canonical order, at most one per dot.
    public private(set) var entries: [FieldEntry]

    /// Creates a register from entries in any order; for equal dots the first one is kept.
    public init(_ entries: [FieldEntry] = []) {
        var seen = Set<Dot>()
        self.entries = entries.filter { seen.insert($0.dot).inserted }.sorted { $0.dot < $1.dot }
    }

    /// A register from entries known to have distinct dots (the direct decoder checked
    /// them), in any order: the same register as `init(_:)`, without its duplicate filter.
    init(distinctEntries entries: [FieldEntry]) {
        self.entries = entries.count > 1 ? entries.sorted { $0.dot < $1.dot } : entries
    }

    /// A register holding one value.
    public init(value: JSONValue, dot: Dot, time: HybridTimestamp) {
        entries = [FieldEntry(value: value, dot: dot, time: time)]
    }

    /// Whether the register holds nothing (the field is unset or was cleared).
    public var isEmpty: Bool { entries.isEmpty }

    /// The deterministic winner among the entries, shown as the field's value.
    public var winner: FieldEntry? {
        // Almost every register holds one entry; every rule reads fields through here.
        guard entries.count > 1 else { return entries.first }
        var best = entries[0]
        for entry in entries.dropFirst() where entry.winsOver(best) { best = entry }
        return best
    }

    /// The visible value, `nil` when the register is empty.
    public var visibleValue: JSONValue? { winner?.value }

    /// The distinct values held. Concurrent writes of the same value count once.
    public var distinctValues: [JSONValue] {
        var values: [JSONValue] = []
        for entry in entries where !values.contains(entry.value) { values.append(entry.value) }
        return values
    }

    /// Whether the field is in conflict: two or more entries with different values.
    public var isInConflict: Bool {
        guard let first = entries.first else { return false }
        return entries.contains { $0.value != first.value }
    }

    /// Whether an entry with `dot` is held.
    public func holds(_ dot: Dot) -> Bool { entries.contains { $0.dot == dot } }

    /// The latest timestamp held, `.zero` for an empty register.
    public var latestTime: HybridTimestamp {
        var latest = HybridTimestamp.zero
        for entry in entries where latest < entry.time { latest = entry.time }
        return latest
    }
}
