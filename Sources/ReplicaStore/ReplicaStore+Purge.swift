import SQLite
import SyncCore

extension ReplicaStore {
    /// The checkpoint holding the highest sequence a purged record had (see `lastSequence`).
    static let sequenceFloorKey = "store.sequence_floor"

    /// Removes a record from this replica entirely: its state, field index rows and tags
    /// (forget rows included). Not a delete for anyone else (nothing is written, nothing
    /// pends): what a device does with a record the server refused and will not let it
    /// read (PROTOCOL.md §8), and what both ends do with a tombstone past its horizon
    /// (§14d).
    /// - Returns: whether there was such a record.
    @discardableResult
    public func purge(collection: String, id: String) throws(ReplicaStoreError) -> Bool {
        decodedStates[RecordKey(collection: collection, id: id)] = nil
        return try transaction {
            guard let existing = try row(collection: collection, id: id) else { return false }
            if existing.sequence >= (try lastSequence()) {
                try setCheckpoint(Self.sequenceFloorKey, String(existing.sequence))
            }
            try connection.cachedStatement(sql: "DELETE FROM record_tag WHERE record = ?").execute([.integer(existing.rowid)])
            try connection.cachedStatement(sql: "DELETE FROM record_field WHERE collection = ? AND id = ?")
                .execute([.text(collection), .text(id)])
            try connection.cachedStatement(sql: "DELETE FROM record WHERE rowid = ?").execute([.integer(existing.rowid)])
            return true
        }
    }

    /// A tombstone this replica may drop: a deleted record with no conflict (nothing but
    /// its `_deleted` register) and nothing pending.
    public struct Tombstone: Sendable, Equatable {
        public var collection: String
        public var id: String
        /// The record's change sequence here.
        public var sequence: Int64
        /// When it last changed here (ms since 1970).
        public var updatedAt: Int64
    }

    /// Tombstones with no pending change that last changed here before `changedBefore`
    /// (ms since 1970) and, with `throughSequence`, at or before that change sequence;
    /// oldest change first, at most `limit`. Read through a partial index of tombstones.
    public func tombstones(changedBefore: Int64, throughSequence: Int64 = .max, limit: Int = 10_000)
        throws(ReplicaStoreError) -> [Tombstone] {
        try run {
            try connection.query("""
                SELECT collection, id, seq, updated_at FROM record
                WHERE deleted = 1 AND conflict = 0 AND updated_at < ? AND seq <= ? AND pending_seq IS NULL
                ORDER BY updated_at LIMIT ?
                """, [.integer(changedBefore), .integer(throughSequence), .integer(Int64(max(1, limit)))]) {
                Tombstone(collection: try $0.text(at: 0), id: try $0.text(at: 1), sequence: try $0.int64(at: 2),
                          updatedAt: try $0.int64(at: 3))
            }
        }
    }

    /// How many deleted records this replica holds (tombstones, in conflict or not).
    public func tombstoneCount() throws(ReplicaStoreError) -> Int {
        try run { try connection.queryOne("SELECT COUNT(*) FROM record WHERE deleted = 1") { Int(try $0.int64(at: 0)) } } ?? 0
    }

    /// The keys (`collection/id`) of every tombstone with no conflict and nothing pending:
    /// what a pulled state may replace outright when it no longer knows the delete
    /// (PROTOCOL.md §14d).
    public func syncedTombstoneKeys() throws(ReplicaStoreError) -> Set<String> {
        Set(try run {
            try connection.query("""
                SELECT collection || '/' || id FROM record WHERE deleted = 1 AND conflict = 0 AND pending_seq IS NULL
                """) { try $0.text(at: 0) }
        })
    }

    /// The keys (`collection/id`) of the records among `records` held as tombstones with
    /// no conflict and nothing pending: `syncedTombstoneKeys()` narrowed to a batch, read
    /// by key (one query per chunk of ids) instead of by scanning the whole table, which
    /// every pulled page of a first sync did (about a tenth of its storing thread).
    public func syncedTombstoneKeys(among records: [RecordState]) throws(ReplicaStoreError) -> Set<String> {
        var found = Set<String>()
        try forEachIDChunk(of: records.map { RecordKey(collection: $0.collection, id: $0.id) }) { (collection, chunk, placeholders) throws(ReplicaStoreError) in
            let rows = try run {
                try connection.query("""
                    SELECT id FROM record WHERE collection = ? AND id IN (\(placeholders))
                        AND deleted = 1 AND conflict = 0 AND pending_seq IS NULL
                    """, [.text(collection)] + chunk.map(SQLValue.text)) { try $0.text(at: 0) }
            }
            for id in rows { found.insert(collection + "/" + id) }
        }
        return found
    }
}

extension ReplicaStore {
    /// Every record held: its collection, id and whether a local change is pending.
    public func allKeys() throws(ReplicaStoreError) -> [(collection: String, id: String, pending: Bool)] {
        try run {
            try connection.query("SELECT collection, id, pending_seq IS NOT NULL FROM record") {
                (try $0.text(at: 0), try $0.text(at: 1), try $0.int64(at: 2) != 0)
            }
        }
    }
}
