import SQLite
import SyncCore

extension ReplicaStore {
    /// Merges incoming states in one transaction, each with the host's say (`MergeHook`):
    /// the stored state is read, the hook's offer merged into it (SyncCore's merge rule),
    /// and a merged state that changes anything is stored only when the hook decides so,
    /// with the hook's annotations; the hook then files what depends on it before the next
    /// state is merged.
    ///
    /// Unlike `merge(_:checkpoint:encoded:annotate:)`, each record's stored row is read
    /// just before its state is merged, and its change sequence assigned as it is stored,
    /// because the hook may write other records, including later ones of the batch, in
    /// between.
    ///
    /// - Parameters:
    ///   - batch: incoming states, merged in this order; several states of one record are
    ///     merged in turn.
    ///   - hook: the host's say.
    /// - Returns: one result per incoming state, in order.
    /// - Throws: whatever the hook throws, or `ReplicaStoreError`; nothing of the batch is
    ///   stored then.
    public func merge<Hook: MergeHook>(_ batch: [RecordState], hook: Hook) throws -> [DecidedMerge<Hook.Refusal>] {
        try connection.transaction(.immediate) {
            var results: [DecidedMerge<Hook.Refusal>] = []
            results.reserveCapacity(batch.count)
            for incoming in batch {
                let existing = try row(collection: incoming.collection, id: incoming.id)
                let (offered, offer) = try hook.offer(incoming, existing: existing?.state)
                guard offered.collection == incoming.collection, offered.id == incoming.id else {
                    throw ReplicaStoreError(.invalidRecord, "a merge hook offered another record's state")
                }
                let merged = try existing.map { try $0.state.merged(with: offered) } ?? offered
                if let existing, merged == existing.state {
                    results.append(.merged(MergeResult(collection: merged.collection, id: merged.id, outcome: .unchanged,
                                                       state: existing.state, sequence: existing.sequence)))
                    continue
                }
                switch try hook.decide(merged, existing: existing?.state, offered: offered, offer: offer) {
                case .refuse(let refusal):
                    results.append(.refused(refusal, existing: existing?.state))
                case .store(let annotations):
                    let result = try save(merged, existing: existing, markPending: false, annotations: annotations)
                    try hook.stored(result, previous: existing?.state)
                    results.append(.merged(result))
                }
            }
            return results
        }
    }
}
