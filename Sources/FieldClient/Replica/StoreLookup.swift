import ForumModel
import ReplicaStore
import SyncCore

/// `RecordLookup` over the local replica, for the domain rules, redaction and reports: a
/// thin adapter; the paging is `ReplicaStore.allRecords`, shared with the server's lookup.
///
/// Read failures count as "unknown record": the rules then refuse (a missing reference)
/// rather than allow, which is the safe side.
public struct StoreLookup: RecordLookup {
    let store: ReplicaStore

    public func state(collection: String, id: String) -> RecordState? {
        try? store.state(collection: collection, id: id)
    }

    /// The facts the store keeps beside each state (`ForumSchema.factFields`, see
    /// `ReplicaStore.facts`), read without decoding the state.
    public func facts(collection: String, id: String) -> RecordFacts? {
        try? store.facts(collection: collection, id: id)
    }

    public func states(collection: String) -> [RecordState] {
        (try? store.allRecords(in: collection)) ?? []
    }
}
