import ForumModel
import ReplicaStore
import SyncCore

/// `RecordLookup` over the local replica, for the domain rules, redaction and reports.
///
/// Read failures count as "unknown record": the rules then refuse (a missing reference)
/// rather than allow, which is the safe side.
public struct StoreLookup: RecordLookup {
    let store: ReplicaStore

    public func state(collection: String, id: String) -> RecordState? {
        try? store.state(collection: collection, id: id)
    }

    public func states(collection: String) -> [RecordState] {
        var all: [RecordState] = []
        var after: String?
        while let page = try? store.records(in: collection, includeDeleted: true, limit: 1000, after: after), !page.isEmpty {
            all += page
            after = page.last?.id
        }
        return all
    }
}
