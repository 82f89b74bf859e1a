import SyncCore

/// Read access to other records, so rules can follow references: an attendance's forum,
/// an honorarium's attendance, a forum's attendances.
///
/// The server implements it over its store (its current states), the client over its
/// local replica. Deleted records may be returned; rules treat them as missing.
public protocol RecordLookup {
    /// The state of one record, `nil` when unknown.
    func state(collection: String, id: String) -> RecordState?
    /// The deleted flag and the rule-read fields (`ForumSchema.factFields`) of one record,
    /// `nil` when unknown. Rules read a referenced record through this; a lookup that keeps
    /// facts apart (the client's replica) answers without decoding the whole state. The
    /// default reads `state(collection:id:)`.
    func facts(collection: String, id: String) -> RecordFacts?
    /// Every known record of a collection, in any order. Used by reports and for numbering
    /// a forum's anonymous participants.
    func states(collection: String) -> [RecordState]
}

extension RecordLookup {
    public func facts(collection: String, id: String) -> RecordFacts? {
        state(collection: collection, id: id).map(RecordFacts.init)
    }

    /// The record's facts unless it is unknown or deleted.
    public func liveFacts(collection: String, id: String) -> RecordFacts? {
        guard let facts = facts(collection: collection, id: id), !facts.isDeleted else { return nil }
        return facts
    }

    /// The record's state unless it is unknown or deleted.
    public func live(collection: String, id: String) -> RecordState? {
        guard let state = state(collection: collection, id: id), !state.isDeleted else { return nil }
        return state
    }

    /// The live records of a collection (unknown and deleted ones left out), in the
    /// lookup's order.
    public func live(collection: String) -> [RecordState] {
        states(collection: collection).filter { !$0.isDeleted }
    }

    /// The live attendance records of a forum.
    public func attendances(forumID: String) -> [RecordState] {
        states(collection: Attendance.collection).filter {
            !$0.isDeleted && $0[Attendance.Field.forumID]?.stringValue == forumID
        }
    }
}

/// A lookup over states held in memory: for tests, demo data and the client's views.
public struct InMemoryLookup: RecordLookup, Sendable {
    /// States by collection, then id.
    public private(set) var records: [String: [String: RecordState]]

    /// Creates a lookup holding `states` (a later state of the same record is merged in).
    public init(_ states: [RecordState] = []) {
        records = [:]
        for state in states { insert(state) }
    }

    /// Adds a state, merging it with one already held for the same record.
    public mutating func insert(_ state: RecordState) {
        if let held = records[state.collection]?[state.id], let merged = try? held.merged(with: state) {
            records[state.collection, default: [:]][state.id] = merged
        } else {
            records[state.collection, default: [:]][state.id] = state
        }
    }

    public func state(collection: String, id: String) -> RecordState? { records[collection]?[id] }

    public func states(collection: String) -> [RecordState] {
        (records[collection] ?? [:]).values.sorted { $0.id < $1.id }
    }

    /// Every state held, by collection then id.
    public var allStates: [RecordState] {
        records.keys.sorted().flatMap { states(collection: $0) }
    }
}
