import ForumModel
import ReplicaStore
import SQLite
import SyncCore
import SyncProtocol

extension LocalReplica {
    /// The client's own tables, after the store's.
    static let migrations: [(name: String, sql: String)] = [
        ("field client v1", """
            CREATE TABLE client_refused_write (
                rowid INTEGER PRIMARY KEY,
                collection TEXT NOT NULL,
                id TEXT NOT NULL,
                code TEXT NOT NULL,
                message TEXT NOT NULL,
                at INTEGER NOT NULL
            );
            """),
        ("field client v2: refusal parameters", """
            ALTER TABLE client_refused_write ADD COLUMN parameters TEXT; -- JSON object of strings, NULL when none
            """),
        // Exports made offline, reported to the server's audit trail at the next sync (issue 17).
        ("field client v3: audit outbox", """
            CREATE TABLE client_audit_outbox (
                id TEXT PRIMARY KEY,          -- the event's id, so a resent report is recorded once
                action TEXT NOT NULL,         -- a DeviceAuditAction
                at INTEGER NOT NULL,          -- ms since 1970
                subject TEXT NOT NULL         -- ids and periods only, never a name
            ) WITHOUT ROWID;
            """),
        // The fields rules read of a referenced record, beside its state (ReplicaStore+Facts,
        // issue 21); the store fills it for the rows already there when it opens the file. A
        // step of its own so an older client, which would store states without their facts,
        // refuses the file (`store_newer_schema`) instead of leaving stale facts behind.
        ("field client v4: record facts", ReplicaStore.factsColumnSQL),
    ]

    /// Local changes the server has not acknowledged, oldest first.
    public func pendingChanges(limit: Int) throws(ClientError) -> [PendingChange] {
        // Referenced collections first, so a reference reaches the server before what refers
        // to it even across pushes (PROTOCOL.md §13).
        do { return try store.pendingChanges(limit: limit, collectionsInOrder: ForumSchema.collections.map(\.name)) } catch {
            throw ClientError.storage(error)
        }
    }

    /// How many local changes wait for the server.
    public func pendingCount() throws(ClientError) -> Int {
        do { return try store.pendingCount() } catch { throw ClientError.storage(error) }
    }

    /// Marks exactly `sent` acknowledged, puts refused records back (`reset`) and notes the
    /// refusals (keeping the newest `keep`), in one transaction.
    func acknowledge(_ sent: [PendingChange], refused: [RefusedWrite],
                     resets: [(sent: RecordState, server: RecordState?)] = [], keepingRefused keep: Int,
                     serverTime: HybridTimestamp?) throws(ClientError) {
        do {
            try store.transaction {
                try store.acknowledge(sent)
                for reset in resets { try self.reset(reset.sent, to: reset.server) }
                let insert = try store.connection.cachedStatement(
                    sql: "INSERT INTO client_refused_write (collection, id, code, message, parameters, at) VALUES (?, ?, ?, ?, ?, ?)")
                for write in refused {
                    let parameters: SQLValue = write.parameters.isEmpty ? .null
                        : .text(JSONWriter.string(JSONValue(object: write.parameters.mapValues(JSONValue.string))))
                    try insert.execute([.text(write.collection), .text(write.id), .text(write.code),
                                        .text(write.message), parameters, .integer(write.atMillis)])
                }
                if !refused.isEmpty {
                    try store.connection.execute("""
                        DELETE FROM client_refused_write WHERE rowid NOT IN
                            (SELECT rowid FROM client_refused_write ORDER BY rowid DESC LIMIT ?)
                        """, [.integer(Int64(max(1, keep)))])
                }
                if let serverTime { try observe(serverTime) }
            }
        } catch { throw ClientError.storage(error) }
    }

    /// Undoes a refused write (PROTOCOL.md §8): the record becomes the server's state
    /// exactly, so this replica converges byte for byte with every other; without a state
    /// (the record is not the device's to read, or the server has none) the record is
    /// removed from this replica. The refused dots were never acknowledged anywhere, so
    /// forgetting them cannot make a dot mean two writes. Changes made locally after the
    /// refused push are written again on top of the server's state, as a new pending write.
    func reset(_ sent: RecordState, to server: RecordState?) throws {
        guard let local = try store.state(collection: sent.collection, id: sent.id) else { return }
        guard let server else {
            try store.purge(collection: sent.collection, id: sent.id)
            return
        }
        try observe(server.latestTime)
        try store.update(collection: sent.collection, id: sent.id, markPending: false) { $0 = server }
        let later = Authorization.changedFields(before: sent, after: local)
        guard !later.isEmpty else { return }
        let time = try nextTimestamp()
        try store.update(collection: sent.collection, id: sent.id) { state in
            if local.isDeleted, !state.isDeleted {
                _ = state.delete(by: replica, at: time)
                return
            }
            if !local.isDeleted, state.isDeleted { try state.restore(by: replica, at: time) }
            var values: [String: JSONValue] = [:]
            for name in later where name != RecordState.deletedField { values[name] = local[name] ?? .null }
            if !values.isEmpty { try state.write(values, by: replica, at: time) }
        }
    }

    /// Stores a pulled page and its cursor in one transaction: after a crash either both
    /// are there or neither, so the next pull neither skips nor repeats a page's effect.
    @discardableResult
    /// - Parameter encoded: the records' canonical JSON, when already computed.
    /// - Parameter forget: records that left this device's scope (PROTOCOL.md §14b): removed
    ///   from this replica, pending changes included (the server would refuse them
    ///   `outside_scope`), in the same transaction. Not a delete: nothing syncs.
    func mergePulled(_ records: [RecordState], encoded: [[UInt8]]? = nil, cursor: String,
                     forget: [ForgottenRecord] = []) throws(ClientError) -> [MergeResult] {
        do {
            return try store.transaction {
                try dropTombstonesUnknownTo(records)
                let results = try store.merge(records, checkpoint: (Key.cursor, cursor), encoded: encoded)
                for record in forget { try store.purge(collection: record.collection, id: record.id) }
                if let latest = records.map(\.latestTime).max() { try observe(latest) }
                return results
            }
        } catch { throw ClientError.storage(error) }
    }

    /// The stored pull cursor, `nil` before the first page.
    public func pullCursor() throws(ClientError) -> String? {
        do { return try store.checkpoint(Key.cursor) } catch { throw ClientError.storage(error) }
    }

    /// Moves changes the server could not take yet behind the other pending ones.
    func deferPending(_ changes: [PendingChange]) throws(ClientError) {
        do { try store.deferPending(changes) } catch { throw ClientError.storage(error) }
    }

    /// Notes the server incarnation an answer carried (PROTOCOL.md §14a). When it differs
    /// from the one seen before, the server was restored from a backup: every record held
    /// becomes pending, to be offered again, and the pull cursor is dropped, in one
    /// transaction. - Returns: whether that happened.
    @discardableResult
    func noteIncarnation(_ incarnation: String?) throws(ClientError) -> Bool {
        guard let incarnation else { return false }
        do {
            return try store.transaction {
                let known = try store.checkpoint(Key.incarnation)
                guard known != incarnation else { return false }
                try store.setCheckpoint(Key.incarnation, incarnation)
                guard known != nil else { return false }
                // Referenced collections first: the schema declares them before their referrers.
                try store.markAllPending(collectionsInOrder: ForumSchema.collections.map(\.name))
                try store.removeCheckpoint(Key.cursor)
                return true
            }
        } catch { throw ClientError.storage(error) }
    }

    /// When the last sync completed (ms since 1970), `nil` when none has.
    public func lastSuccessfulSync() throws(ClientError) -> Int64? {
        do { return try store.checkpoint(Key.lastSync).flatMap { Int64($0) } } catch { throw ClientError.storage(error) }
    }

    func setLastSuccessfulSync(_ millis: Int64) throws(ClientError) {
        do {
            try store.setCheckpoint(Key.lastSync, String(millis))
            // A completed sync proves the device is not revoked (any more).
            try store.removeCheckpoint(Key.revoked)
        } catch { throw ClientError.storage(error) }
    }

    /// Whether the server's last answer to this device's sync was `device_revoked`, so
    /// `forum status` can say so without asking the server. Enrolling again gives a new
    /// replica id, which this no longer matches; a completed sync clears it.
    public func isKnownRevoked() throws(ClientError) -> Bool {
        do { return try store.checkpoint(Key.revoked) == replica.rawValue } catch { throw ClientError.storage(error) }
    }

    /// Notes that the server answered this device `device_revoked`.
    func noteRevoked() throws(ClientError) {
        do { try store.setCheckpoint(Key.revoked, replica.rawValue) } catch { throw ClientError.storage(error) }
    }

    /// Refused writes, newest first.
    public func refusedWrites(limit: Int = 50) throws(ClientError) -> [RefusedWrite] {
        do {
            return try store.connection.query(
                "SELECT collection, id, code, message, parameters, at FROM client_refused_write ORDER BY rowid DESC LIMIT ?",
                [.integer(Int64(max(1, limit)))]) { row in
                // Stored by `acknowledge` from limited, string-only values; anything unreadable is dropped.
                let parameters = try row.optionalText(at: 4).flatMap { try? JSONParser().parse(Array($0.utf8)) }
                return RefusedWrite(collection: try row.text(at: 0), id: try row.text(at: 1), code: try row.text(at: 2),
                                    message: try row.text(at: 3), parameters: RecordRefusal.parameters(parameters),
                                    atMillis: try row.int64(at: 5))
            }
        } catch { throw ClientError.storage(error) }
    }

    /// Every record's canonical JSON, sorted by collection and then id (byte order), as a
    /// JSON array with one record per line: two replicas hold the same data exactly when
    /// these bytes are equal.
    /// - Parameter pendingOnly: only records with unsynced local changes.
    public func canonicalExport(pendingOnly: Bool = false) throws(ClientError) -> [UInt8] {
        do {
            var out: [UInt8] = [UInt8(ascii: "[")]
            var first = true
            try store.forEachState(pendingOnly: pendingOnly) { state in
                out.append(contentsOf: first ? [0x0A] : [UInt8(ascii: ","), 0x0A])
                first = false
                // Re-encode rather than copy: what is compared is the canonical form.
                state.writeCanonicalJSON(into: &out)
            }
            out.append(contentsOf: first ? [UInt8(ascii: "]"), 0x0A] : [0x0A, UInt8(ascii: "]"), 0x0A])
            return out
        } catch { throw ClientError.storage(error) }
    }
}
