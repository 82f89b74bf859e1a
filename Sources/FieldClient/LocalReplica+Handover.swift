import ForumModel
import ReplicaStore
import SyncCore

/// What re-applying another replica's work did (`LocalReplica.reapply(_:)`).
public struct HandoverSummary: Sendable, Equatable {
    /// Records written again here: new pending changes of this replica.
    public var written: Int = 0
    /// Records that already showed what the file holds; nothing was written.
    public var unchanged: Int = 0
    /// Records the domain rules or this device's role refused, with the reason (never values).
    public var refused: [RefusedWrite] = []

    public init(written: Int = 0, unchanged: Int = 0, refused: [RefusedWrite] = []) {
        self.written = written
        self.unchanged = unchanged
        self.refused = refused
    }
}

extension LocalReplica {
    /// Records re-applied per transaction by `reapply(_:)`. Default 1,000. Committing each
    /// record on its own made an import cost a commit per record; the summary is only
    /// shown once all are stored, and a record already re-applied is found unchanged when
    /// an interrupted import is run again.
    public static let reapplyRecordsPerTransaction = 1000

    /// Re-applies the work in `states` (another replica's pending records, as
    /// `forum export replica --pending --json` writes them) as new writes of this replica.
    ///
    /// For each record, its visible values (and its deletion) that this replica has not
    /// seen are written again on top of this replica's current state of that record,
    /// through `change` and so through the same domain rules as any local write. The other replica's dots are never stored or
    /// sent: the server has not seen them, and would refuse them as forged history. A
    /// change the server holds concurrently meets the re-applied one as a conflict, not a
    /// loss.
    ///
    /// Records whose rules look at others (an attendance needs its forum) are tried again
    /// after the rest, until no further one goes through; those still refused are listed.
    /// - Complexity: O(r²) rule checks in the worst case, r the records in the file.
    /// - Throws: `storage_error`; a refusal is reported in the summary, not thrown.
    public func reapply(_ states: [RecordState]) throws(ClientError) -> HandoverSummary {
        var summary = HandoverSummary()
        var waiting = states
        var lastRefusals: [String: ClientError] = [:]
        while !waiting.isEmpty {
            var next: [RecordState] = []
            var start = 0
            while start < waiting.count {
                let end = min(waiting.count, start + Self.reapplyRecordsPerTransaction)
                // A refused record's savepoint is rolled back alone; a storage failure rolls
                // back this group only, the groups before it stay stored.
                try transaction { () throws(ClientError) in
                    for state in waiting[start..<end] {
                        do throws(ClientError) {
                            if try reapplyOne(state) { summary.written += 1 } else { summary.unchanged += 1 }
                        } catch where error.code == .refused {
                            lastRefusals[state.collection + "/" + state.id] = error
                            next.append(state)
                        }
                    }
                }
                start = end
            }
            guard next.count < waiting.count else { break } // no progress: the rest stay refused
            waiting = next
        }
        let now = wallClock()
        for state in waiting {
            let error = lastRefusals[state.collection + "/" + state.id]
            summary.refused.append(RefusedWrite(collection: state.collection, id: state.id, code: error?.detailCode ?? "refused",
                                                message: error?.message ?? "", parameters: error?.detailParams ?? [:],
                                                atMillis: now))
        }
        return summary
    }

    /// Writes one record's work again; whether anything changed.
    ///
    /// Only what this replica has not seen is the other device's work: a field whose shown
    /// entry this replica's context already covers is a value it knows (and may since have
    /// changed, which must not be undone), so it is left as it is here.
    private func reapplyOne(_ imported: RecordState) throws(ClientError) -> Bool {
        let current = try state(collection: imported.collection, id: imported.id)
        let known = current?.context ?? VersionVector()
        func unseen(_ name: String) -> FieldEntry? {
            guard let winner = imported.fields[name]?.winner, !known.covers(winner.dot) else { return nil }
            return winner
        }
        var values: [String: JSONValue] = [:]
        for name in imported.fields.keys where !name.hasPrefix("_") {
            guard let entry = unseen(name), current?.fields[name]?.visibleValue != entry.value else { continue }
            values[name] = entry.value
        }
        let deletedHere = current?.isDeleted ?? false
        let exists = !(current?.isEmpty ?? true)
        if imported.isDeleted, unseen(RecordState.deletedField) != nil {
            guard exists, !deletedHere else { return false } // nothing here to delete, or deleted already
            try change(collection: imported.collection, id: imported.id) { state, replica, time in
                _ = state.delete(by: replica, at: time)
            }
            return true
        }
        if deletedHere, !imported.isDeleted, unseen(RecordState.deletedField) != nil {
            // The other device restored the record.
            try change(collection: imported.collection, id: imported.id) { state, replica, time in
                try state.restore(values, by: replica, at: time)
            }
            return true
        }
        guard !values.isEmpty else { return false }
        try change(collection: imported.collection, id: imported.id) { state, replica, time in
            try state.write(values, by: replica, at: time)
        }
        return true
    }
}
