import SQLite
import SyncCore

extension ReplicaStore {
    /// Merges incoming states in one transaction, each with the host's say (`MergeHook`):
    /// the stored state is read, the hook's offer merged into it (SyncCore's merge rule),
    /// and a merged state that changes anything is stored only when the hook decides so,
    /// with the hook's annotations; the hook then files what depends on it before the next
    /// state is merged.
    ///
    /// A hook that may write records (`MergeHook.writesRecords`, the default) has each
    /// record's stored row read just before its state is merged, and its change sequence
    /// assigned as it is stored, because it may write other records, including later ones
    /// of the batch, in between. A hook that writes none has the batch's rows read up front.
    ///
    /// - Parameters:
    ///   - batch: incoming states, merged in this order; several states of one record are
    ///     merged in turn.
    ///   - hook: the host's say.
    /// - Returns: one result per incoming state, in order.
    /// - Throws: whatever the hook throws, or `ReplicaStoreError`; nothing of the batch is
    ///   stored then.
    public func merge<Hook: MergeHook>(_ batch: [RecordState], hook: Hook) throws -> [DecidedMerge<Hook.Refusal>] {
        try connection.transaction(.immediate) { try mergeAndSave(batch, hook: hook, encoded: nil) }
    }

    /// The one merge-and-save loop, behind `merge(_:hook:)` (the push) and
    /// `merge(_:checkpoint:encoded:annotate:)` (a pull page, an import). Call it inside a
    /// transaction.
    ///
    /// - Parameter encoded: each incoming state's `canonicalJSON`, stored as it is for a
    ///   record not stored before, or `nil`. Only for a hook whose `offer` returns the
    ///   incoming state itself (the bytes are those of `incoming`, not of a substitute).
    func mergeAndSave<Hook: MergeHook>(_ batch: [RecordState], hook: Hook,
                                       encoded: [[UInt8]]?) throws -> [DecidedMerge<Hook.Refusal>] {
        var results: [DecidedMerge<Hook.Refusal>] = []
        results.reserveCapacity(batch.count)
        // Nothing but this loop writes records while it runs: the rows are read once for the
        // batch (one query per chunk of ids, not one per record) and kept up to date here,
        // and sequences counted here instead of asked at each save.
        let readsAhead = !hook.writesRecords
        var stored: [RecordKey: StoredRow] = readsAhead ? try rows(for: batch, encoded: encoded) : [:]
        var next: Int64? = readsAhead ? try lastSequence() + 1 : nil
        let decidesUnchanged = hook.decidesUnchanged
        for (index, incoming) in batch.enumerated() {
            let key = RecordKey(collection: incoming.collection, id: incoming.id)
            let existing = readsAhead ? stored[key] : try row(collection: incoming.collection, id: incoming.id)
            let (offered, offer) = try hook.offer(incoming, existing: existing?.state)
            guard offered.collection == incoming.collection, offered.id == incoming.id else {
                throw ReplicaStoreError(.invalidRecord, "a merge hook offered another record's state")
            }
            if !decidesUnchanged, let existing, existing.matchesIncoming == index, offered == existing.state {
                // The stored bytes are this very state's (`rows(for:encoded:)`): merging a
                // state with itself changes nothing, so it is not merged to find that out.
                results.append(.merged(MergeResult(collection: offered.collection, id: offered.id, outcome: .unchanged,
                                                   state: existing.state, sequence: existing.sequence)))
                continue
            }
            let merged = try existing.map { try $0.state.merged(with: offered) } ?? offered
            if !decidesUnchanged, let existing, merged == existing.state {
                results.append(.merged(MergeResult(collection: merged.collection, id: merged.id, outcome: .unchanged,
                                                   state: existing.state, sequence: existing.sequence)))
                continue
            }
            switch try hook.decide(merged, existing: existing?.state, offered: offered, offer: offer) {
            case .refuse(let refusal):
                results.append(.refused(refusal, existing: existing?.state))
            case .store(let annotations):
                // An unchanged state only has its review flags replaced by `save`.
                let result = try save(merged, existing: existing, markPending: false, annotations: annotations,
                                      sequence: next, bytes: existing == nil ? encoded?[index] : nil)
                if result.outcome != .unchanged {
                    if readsAhead, let assigned = next {
                        next = assigned + 1
                        // A later state of the same record in this batch merges with this one.
                        let rowid = existing?.rowid ?? connection.lastInsertRowID
                        let since = merged.hasConflict ? (existing?.conflictSince ?? clock()) : nil
                        stored[key] = StoredRow(rowid: rowid, state: merged, sequence: result.sequence,
                                                conflictSince: since, pendingSequence: existing?.pendingSequence)
                    }
                    try hook.stored(result, previous: existing?.state)
                }
                results.append(.merged(result))
            }
        }
        return results
    }
}
