import ReplicaStore
import SyncCore

/// Read access to the server's current record states for the domain rules. Only used
/// while the server holds its store lock. Read failures count as "unknown record", which
/// the rules treat as a missing reference (a refusal, never a crash).
public final class StoreLookup {
    let store: ReplicaStore

    init(store: ReplicaStore) { self.store = store }

    /// Records read per query when listing.
    static let pageSize = 500

    /// The state of one record, `nil` when unknown.
    public func state(collection: String, id: String) -> RecordState? {
        try? store.state(collection: collection, id: id)
    }

    /// Every record of a collection (deleted ones included), paged from the store.
    public func states(collection: String) -> [RecordState] {
        var result: [RecordState] = []
        var after: String? = nil
        while let page = try? store.records(in: collection, includeDeleted: true, limit: Self.pageSize, after: after), !page.isEmpty {
            result += page
            // A short page is the last: asking again would only return nothing.
            guard page.count == Self.pageSize else { break }
            after = page.last?.id
        }
        return result
    }

    /// Live records of `collection` whose indexed `field` shows `value`.
    public func states(collection: String, where field: String, equals value: String) -> [RecordState] {
        var result: [RecordState] = []
        var after: String? = nil
        while let page = try? store.records(in: collection, where: field, equals: .string(value), limit: Self.pageSize,
                                            after: after), !page.isEmpty {
            result += page
            guard page.count == Self.pageSize else { break }
            after = page.last?.id
        }
        return result
    }
}
