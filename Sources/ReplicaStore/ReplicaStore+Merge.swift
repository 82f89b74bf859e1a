import SyncCore

extension ReplicaStore {
    /// Merges incoming states into the store in one transaction.
    ///
    /// Each state is merged with the stored state of its record (SyncCore's merge rule)
    /// and stored when that changes anything. With `checkpoint`, the key/value pair is
    /// stored in the same transaction, so a pull cursor can never get ahead of (or fall
    /// behind) the page it belongs to.
    ///
    /// - Parameters:
    ///   - batch: incoming states; several states of one record are merged in turn.
    ///   - checkpoint: a checkpoint to store with the batch.
    ///   - annotate: the host's tags and review flags for each merged state.
    /// - Returns: one result per incoming state, in order.
    /// - Throws: `ReplicaStoreError`; nothing of the batch is stored then.
    @discardableResult
    public func merge(_ batch: [RecordState], checkpoint: (key: String, value: String)? = nil,
                      annotate: ((RecordState) throws -> RecordAnnotations)? = nil) throws(ReplicaStoreError) -> [MergeResult] {
        try transaction {
            var results: [MergeResult] = []
            results.reserveCapacity(batch.count)
            var next = try lastSequence() + 1
            for incoming in batch {
                let existing = try row(collection: incoming.collection, id: incoming.id)
                let merged = try existing.map { try $0.state.merged(with: incoming) } ?? incoming
                let annotations = try annotate?(merged)
                let result = try save(merged, existing: existing, markPending: false, annotations: annotations, sequence: next)
                if result.outcome != .unchanged { next += 1 }
                results.append(result)
            }
            if let checkpoint { try setCheckpoint(checkpoint.key, checkpoint.value) }
            return results
        }
    }

    /// Makes a local write: loads the record (or an empty state), lets `body` change it,
    /// and stores the result as a pending change, all in one transaction.
    ///
    /// - Returns: the stored state, and whether anything changed.
    /// - Throws: whatever `body` throws (nothing is stored then), or `ReplicaStoreError`.
    @discardableResult
    public func update(collection: String, id: String, markPending: Bool = true,
                       annotations: RecordAnnotations? = nil,
                       _ body: (inout RecordState) throws -> Void) throws -> MergeResult {
        try connection.transaction(.immediate) {
            let existing = try row(collection: collection, id: id)
            var state = existing?.state ?? RecordState(collection: collection, id: id)
            try body(&state)
            guard state.collection == collection, state.id == id else {
                throw ReplicaStoreError(.invalidRecord, "a local write changed the record's identity")
            }
            return try save(state, existing: existing, markPending: markPending && existing?.state != state,
                            annotations: annotations)
        }
    }
}
