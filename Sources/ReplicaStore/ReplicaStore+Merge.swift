import SQLite
import SyncCore

extension ReplicaStore {
    /// Merges incoming states into the store in one transaction.
    ///
    /// Each state is merged with the stored state of its record (SyncCore's merge rule)
    /// and stored when that changes anything. The same loop as `merge(_:hook:)`, with a
    /// hook that offers each state as it came and writes no other record, so the batch's
    /// stored rows are read up front (one query per chunk of ids). With `checkpoint`, the key/value pair is
    /// stored in the same transaction, so a pull cursor can never get ahead of (or fall
    /// behind) the page it belongs to.
    ///
    /// - Parameters:
    ///   - batch: incoming states; several states of one record are merged in turn.
    ///   - checkpoint: a checkpoint to store with the batch.
    ///   - annotate: the host's tags and review flags for each merged state.
    ///   - encoded: optionally, each incoming state's `canonicalJSON`, computed elsewhere
    ///     (a client encodes pulled pages on its fetching thread); used when a state is
    ///     stored as it came, i.e. for a record not stored before. Ignored unless it holds
    ///     one entry per state. Records stored from these bytes are not kept in the
    ///     decoded-state cache (a pull's records are rarely read again soon).
    /// - Returns: one result per incoming state, in order.
    /// - Throws: `ReplicaStoreError`; nothing of the batch is stored then.
    @discardableResult
    public func merge(_ batch: [RecordState], checkpoint: (key: String, value: String)? = nil,
                      encoded: [[UInt8]]? = nil,
                      annotate: ((RecordState) throws -> RecordAnnotations)? = nil) throws(ReplicaStoreError) -> [MergeResult] {
        let encoded = encoded?.count == batch.count ? encoded : nil
        return try transaction {
            // The one merge loop (`mergeAndSave`), with a hook that writes no other record:
            // the batch's rows are read up front.
            let decided = try mergeAndSave(batch, hook: AnnotatingMergeHook(annotate: annotate), encoded: encoded)
            if let checkpoint { try setCheckpoint(checkpoint.key, checkpoint.value) }
            return decided.map { decision -> MergeResult in
                switch decision {
                case .merged(let result): return result
                case .refused(let never, _): switch never {}
                }
            }
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

struct RecordKey: Hashable {
    let collection: String
    let id: String
}

extension ReplicaStore {
    /// The stored rows of the records in `batch`, read with one query per chunk of ids
    /// rather than one per record.
    ///
    /// - Parameter encoded: each state's canonical JSON (as `merge(_:checkpoint:encoded:annotate:)`
    ///   takes it), or `nil`. A stored row whose bytes equal those of the first state of its
    ///   record in the batch is not decoded: equal canonical bytes are an equal state, so
    ///   that state stands for it and the row notes the index (`StoredRow.matchesIncoming`).
    ///   A pull after a push sends back every record just pushed; decoding each stored
    ///   state to find it unchanged was most of the storing thread's work then.
    func rows(for batch: [RecordState], encoded: [[UInt8]]? = nil) throws(ReplicaStoreError) -> [RecordKey: StoredRow] {
        var found: [RecordKey: StoredRow] = [:]
        // Built at the first stored row found: a first sync finds none.
        var firstIndex: [RecordKey: Int]?
        let encoded = encoded?.count == batch.count ? encoded : nil
        try forEachIDChunk(of: batch.map { RecordKey(collection: $0.collection, id: $0.id) }) { (collection, chunk, placeholders) throws(ReplicaStoreError) in
            let rows = try run {
                try connection.query(
                    "SELECT rowid, id, state, seq, conflict_since, pending_seq FROM record WHERE collection = ? AND id IN (\(placeholders))",
                    [.text(collection)] + chunk.map(SQLValue.text)
                ) { row in
                    (try row.int64(at: 0), try row.text(at: 1), try row.blob(at: 2), try row.int64(at: 3),
                     try row.optionalInt64(at: 4), try row.optionalInt64(at: 5))
                }
            }
            for (rowid, id, bytes, seq, since, pending) in rows {
                let key = RecordKey(collection: collection, id: id)
                if let encoded, firstIndex == nil {
                    var first: [RecordKey: Int] = [:]
                    for (index, state) in batch.enumerated() {
                        let key = RecordKey(collection: state.collection, id: state.id)
                        if first[key] == nil { first[key] = index }
                    }
                    firstIndex = first
                }
                if let encoded, let index = firstIndex?[key], encoded[index] == bytes {
                    found[key] = StoredRow(rowid: rowid, state: batch[index], sequence: seq, conflictSince: since,
                                           pendingSequence: pending, matchesIncoming: index)
                    continue
                }
                found[key] = StoredRow(rowid: rowid, state: try decode(bytes, key: key), sequence: seq,
                                       conflictSince: since, pendingSequence: pending)
            }
        }
        return found
    }

    /// Ids per lookup query: a full chunk's statement is cached and reused.
    static let lookupChunk = 256

    /// Calls `body` once per collection of `keys` and chunk of at most `lookupChunk` of its
    /// distinct ids, with the chunk's `?` placeholders: the batch's records read with one
    /// query per chunk rather than one per record.
    func forEachIDChunk(of keys: [RecordKey],
                        _ body: (_ collection: String, _ ids: ArraySlice<String>, _ placeholders: String) throws(ReplicaStoreError) -> Void)
        throws(ReplicaStoreError) {
        for (collection, keys) in Dictionary(grouping: keys, by: \.collection) {
            let ids = Array(Set(keys.map(\.id)))
            var start = 0
            while start < ids.count {
                let chunk = ids[start..<min(ids.count, start + Self.lookupChunk)]
                start += Self.lookupChunk
                try body(collection, chunk, Array(repeating: "?", count: chunk.count).joined(separator: ","))
            }
        }
    }
}
