import SQLite
import SyncCore

extension ReplicaStore {
    // MARK: - Reading

    /// The stored state of a record, `nil` when none is stored.
    /// - Throws: `store_corrupt_record` when the stored bytes are not a valid state.
    public func state(collection: String, id: String) throws(ReplicaStoreError) -> RecordState? {
        try row(collection: collection, id: id)?.state
    }

    /// The change sequence of a stored record, `nil` when none is stored; its state is not
    /// read.
    public func sequence(collection: String, id: String) throws(ReplicaStoreError) -> Int64? {
        try run {
            try connection.queryOne("SELECT seq FROM record WHERE collection = ? AND id = ?",
                                    [.text(collection), .text(id)]) { try $0.int64(at: 0) }
        }
    }

    struct StoredRow {
        let rowid: Int64
        let state: RecordState
        let sequence: Int64
        let conflictSince: Int64?
        let pendingSequence: Int64?
        /// The index of the incoming state whose canonical bytes equal the stored ones, when
        /// `rows(for:encoded:)` took that state instead of decoding the row.
        var matchesIncoming: Int? = nil
    }

    func row(collection: String, id: String) throws(ReplicaStoreError) -> StoredRow? {
        let found = try run {
            try connection.queryOne(
                "SELECT rowid, state, seq, conflict_since, pending_seq FROM record WHERE collection = ? AND id = ?",
                [.text(collection), .text(id)]
            ) { row in
                (try row.int64(at: 0), try row.blob(at: 1), try row.int64(at: 2),
                 try row.optionalInt64(at: 3), try row.optionalInt64(at: 4))
            }
        }
        guard let found else { return nil }
        return StoredRow(rowid: found.0, state: try decode(found.1, key: RecordKey(collection: collection, id: id)), sequence: found.2,
                         conflictSince: found.3, pendingSequence: found.4)
    }

    /// Decodes a stored state, reusing the state decoded earlier from the very same bytes
    /// of the same record: equal canonical bytes are an equal state, so the cache can never
    /// answer with a stale one, whatever was written or rolled back in between.
    func decode(_ bytes: [UInt8], key: RecordKey) throws(ReplicaStoreError) -> RecordState {
        if let cached = decodedStates.state(for: key, bytes: bytes) { return cached }
        let state = try decode(bytes)
        remember(state, bytes: bytes, key: key)
        return state
    }

    /// Caches a state with its canonical bytes, as read or as just written: rules read the
    /// record they just stored (a parent, a record of the same batch) again soon after.
    func remember(_ state: RecordState, bytes: [UInt8], key: RecordKey) {
        decodedStates.insert((bytes, state), for: key)
    }

    func decode(_ bytes: [UInt8]) throws(ReplicaStoreError) -> RecordState {
        do { return try RecordState(jsonBytes: bytes, limits: configuration.limits) } catch {
            throw ReplicaStoreError(.corruptRecord, "a stored record state could not be read (\(error.code.rawValue))")
        }
    }

    /// The highest change sequence assigned so far (0 for an empty store).
    public func lastSequence() throws(ReplicaStoreError) -> Int64 {
        // A purged record may have held the highest sequence: its number is kept as a floor,
        // so sequences never go back and a cursor past it never skips a later change.
        try run {
            try connection.queryOne("""
                SELECT MAX(COALESCE((SELECT MAX(seq) FROM record), 0),
                           COALESCE((SELECT CAST(value AS INTEGER) FROM checkpoint WHERE key = '\(Self.sequenceFloorKey)'), 0))
                """) { try $0.int64(at: 0) }
        } ?? 0
    }

    // MARK: - Writing

    /// Stores `state` for its record when it differs from what is stored, with a new
    /// change sequence. The building block of merges, local writes and resolutions; call it
    /// inside `transaction` when several saves belong together.
    ///
    /// - Parameters:
    ///   - state: the state to store (it replaces the stored one; merge first).
    ///   - markPending: record the change as a local change the server has not acknowledged.
    ///   - annotations: tags and review flags for the stored state; `nil` keeps those stored.
    /// - Returns: the outcome and the record's sequence.
    @discardableResult
    public func save(_ state: RecordState, markPending: Bool = false,
                     annotations: RecordAnnotations? = nil) throws(ReplicaStoreError) -> MergeResult {
        try save(state, existing: try row(collection: state.collection, id: state.id),
                 markPending: markPending, annotations: annotations)
    }

    /// - Parameters:
    ///   - sequence: the sequence to assign when the state changes; `nil` reads the next
    ///     one from the database. Batches pass a running counter instead of asking each time.
    ///   - bytes: `state.canonicalJSON` when the caller already has it.
    func save(_ state: RecordState, existing: StoredRow?, markPending: Bool,
              annotations: RecordAnnotations?, sequence assigned: Int64? = nil,
              bytes encoded: [UInt8]? = nil) throws(ReplicaStoreError) -> MergeResult {
        if let existing, existing.state == state {
            if markPending, existing.pendingSequence == nil {
                try run { try connection.execute("UPDATE record SET pending_seq = seq WHERE rowid = ?", [.integer(existing.rowid)]) }
            }
            if let annotations { try updateReviewFlags(rowid: existing.rowid, annotations.reviewFlags) }
            return MergeResult(collection: state.collection, id: state.id, outcome: .unchanged,
                               state: state, sequence: existing.sequence)
        }
        let now = clock()
        let sequence: Int64
        if let assigned { sequence = assigned } else { sequence = try lastSequence() + 1 }
        let conflicts = state.hasConflict ? state.conflicts : []
        let conflictFields = conflicts.isEmpty ? nil : Self.spaced(conflicts.map(Self.conflictLabel))
        let conflictSince: Int64? = conflicts.isEmpty ? nil : (existing?.conflictSince ?? now)
        let flagsValue: SQLValue = annotations.map {
            $0.reviewFlags.isEmpty ? .null : .text(Self.spaced($0.reviewFlags))
        } ?? .null
        let keepFlags: SQLValue = .integer(annotations == nil ? 1 : 0)
        let bytes = encoded ?? state.canonicalJSON
        let rowid: Int64 = try run {
            if let existing {
                let pending: SQLValue = markPending ? .integer(sequence)
                    : existing.pendingSequence.map(SQLValue.integer) ?? .null
                var values: [SQLValue] = [.blob(bytes), .integer(sequence), .integer(state.isDeleted ? 1 : 0),
                                          .integer(conflicts.isEmpty ? 0 : 1), conflictFields.map(SQLValue.text) ?? .null,
                                          conflictSince.map(SQLValue.integer) ?? .null, keepFlags, flagsValue,
                                          pending, .integer(now), .integer(existing.rowid)]
                // The facts go in the same statement as the state they are read from.
                if keepsFacts { values.append(factsValue(of: state)) }
                try connection.cachedStatement(sql: keepsFacts ? Self.updateWithFacts : Self.update).execute(values)
                return existing.rowid
            }
            var values: [SQLValue] = [.text(state.collection), .text(state.id), .blob(bytes), .integer(sequence),
                                      .integer(state.isDeleted ? 1 : 0), .integer(conflicts.isEmpty ? 0 : 1),
                                      conflictFields.map(SQLValue.text) ?? .null, conflictSince.map(SQLValue.integer) ?? .null,
                                      flagsValue, markPending ? .integer(sequence) : .null, .integer(now)]
            if keepsFacts { values.append(factsValue(of: state)) }
            try connection.cachedStatement(sql: keepsFacts ? Self.insertWithFacts : Self.insert).execute(values)
            return connection.lastInsertRowID
        }
        // Bytes encoded elsewhere come from a pull: a first sync stores hundreds of thousands
        // of records nothing reads again soon, and churning the cache with them cost 7 %.
        if encoded == nil { remember(state, bytes: bytes, key: RecordKey(collection: state.collection, id: state.id)) }
        try updateFieldIndex(state, previous: existing?.state)
        try updateTags(rowid: rowid, sequence: sequence, tags: annotations?.tags, replacing: existing != nil)
        let outcome: MergeOutcome = !conflicts.isEmpty ? .conflict : (existing == nil ? .new : .changed)
        return MergeResult(collection: state.collection, id: state.id, outcome: outcome, state: state, sequence: sequence)
    }

    /// The statements `save` stores a state with, without and with `record.facts`.
    static let update = """
        UPDATE record SET state = ?1, seq = ?2, deleted = ?3, conflict = ?4, conflict_fields = ?5,
            conflict_since = ?6, review_flags = CASE ?7 WHEN 1 THEN review_flags ELSE ?8 END,
            pending_seq = ?9, updated_at = ?10 WHERE rowid = ?11
        """
    static let updateWithFacts = """
        UPDATE record SET state = ?1, seq = ?2, deleted = ?3, conflict = ?4, conflict_fields = ?5,
            conflict_since = ?6, review_flags = CASE ?7 WHEN 1 THEN review_flags ELSE ?8 END,
            pending_seq = ?9, updated_at = ?10, facts = ?12 WHERE rowid = ?11
        """
    static let insert = """
        INSERT INTO record (collection, id, state, seq, deleted, conflict, conflict_fields, conflict_since,
            review_flags, pending_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertWithFacts = """
        INSERT INTO record (collection, id, state, seq, deleted, conflict, conflict_fields, conflict_since,
            review_flags, pending_seq, updated_at, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    private func updateReviewFlags(rowid: Int64, _ flags: [String]) throws(ReplicaStoreError) {
        let value: SQLValue = flags.isEmpty ? .null : .text(Self.spaced(flags))
        try run {
            try connection.cachedStatement(sql: "UPDATE record SET review_flags = ? WHERE rowid = ? AND review_flags IS NOT ?")
                .execute([value, .integer(rowid), value])
        }
    }

    /// Re-files the record's tags under its new sequence; `nil` keeps the stored tags.
    /// Every tag row of a record carries the record's sequence.
    private func updateTags(rowid: Int64, sequence: Int64, tags: [String]?, replacing: Bool) throws(ReplicaStoreError) {
        try run {
            guard let tags else {
                if replacing {
                    try connection.cachedStatement(sql: "UPDATE record_tag SET seq = ? WHERE record = ?")
                        .execute([.integer(sequence), .integer(rowid)])
                }
                return
            }
            if replacing {
                try fileTags(rowid: rowid, sequence: sequence, tags: Set(tags))
                return
            }
            guard !tags.isEmpty else { return }
            let insert = try connection.cachedStatement(sql: "INSERT OR IGNORE INTO record_tag (tag, seq, record) VALUES (?, ?, ?)")
            for tag in Set(tags) { try insert.execute([.text(tag), .integer(sequence), .integer(rowid)]) }
        }
    }

    static func spaced(_ words: [String]) -> String { " " + words.joined(separator: " ") + " " }

    static func conflictLabel(_ conflict: RecordConflict) -> String {
        switch conflict {
        case .field(let name, _): name
        case .deleteVersusUpdate: RecordState.deletedField
        }
    }
}
