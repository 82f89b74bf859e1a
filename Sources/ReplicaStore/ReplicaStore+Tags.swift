import SQLite
import SyncCore

extension ReplicaStore {
    /// The scope tags a record is filed under, sorted; empty when the record is unknown.
    public func tags(collection: String, id: String) throws(ReplicaStoreError) -> [String] {
        try run {
            try connection.query("""
                SELECT t.tag FROM record_tag t JOIN record r ON r.rowid = t.record
                WHERE r.collection = ? AND r.id = ? ORDER BY t.tag
                """, [.text(collection), .text(id)]) { try $0.text(at: 0) }
        }
    }

    /// Re-files an unchanged record under `tags` with a new change sequence, so that a
    /// scoped feed that gains the record (e.g. a participant who now attends a forum in
    /// another municipality) delivers it even to readers whose cursor is past its old
    /// sequence. Does nothing when the record is unknown or already filed under exactly
    /// these tags.
    ///
    /// - Returns: whether the record was re-filed.
    @discardableResult
    public func retag(collection: String, id: String, tags: [String]) throws(ReplicaStoreError) -> Bool {
        guard let existing = try row(collection: collection, id: id) else { return false }
        let wanted = Set(tags)
        guard Set(try self.tags(collection: collection, id: id)) != wanted else { return false }
        return try transaction {
            let sequence = try lastSequence() + 1
            try connection.cachedStatement(sql: "UPDATE record SET seq = ? WHERE rowid = ?")
                .execute([.integer(sequence), .integer(existing.rowid)])
            try connection.cachedStatement(sql: "DELETE FROM record_tag WHERE record = ?").execute([.integer(existing.rowid)])
            let insert = try connection.cachedStatement(sql: "INSERT OR IGNORE INTO record_tag (tag, seq, record) VALUES (?, ?, ?)")
            for tag in wanted { try insert.execute([.text(tag), .integer(sequence), .integer(existing.rowid)]) }
            return true
        }
    }
}
