import SQLite
import SyncCore

extension ReplicaStore {
    /// The prefix of a *forget row*: a record no longer filed under tag `T` keeps a row
    /// `forget:T` at its current sequence, so a scoped feed for `T` tells a reader whose
    /// cursor is behind that the record left its scope (PROTOCOL.md §14b).
    public static let forgetTagPrefix = "forget:"

    /// The scope tags a record is filed under, sorted; empty when the record is unknown.
    /// Forget rows are not tags.
    public func tags(collection: String, id: String) throws(ReplicaStoreError) -> [String] {
        try run {
            try connection.query("""
                SELECT t.tag FROM record_tag t JOIN record r ON r.rowid = t.record
                WHERE r.collection = ? AND r.id = ? ORDER BY t.tag
                """, [.text(collection), .text(id)]) { try $0.text(at: 0) }
        }.filter { !$0.hasPrefix(Self.forgetTagPrefix) }
    }

    /// Files a stored record under `tags` at `sequence`, replacing its rows: each tag it
    /// had (or had forget rows for) and no longer has gets a forget row at `sequence`, so
    /// forget rows move on with the record like its tags and are dropped when the tag
    /// comes back.
    func fileTags(rowid: Int64, sequence: Int64, tags: Set<String>) throws {
        let old = try connection.query("SELECT tag FROM record_tag WHERE record = ?", [.integer(rowid)]) { try $0.text(at: 0) }
        let formerly = Set(old.map { $0.hasPrefix(Self.forgetTagPrefix) ? String($0.dropFirst(Self.forgetTagPrefix.count)) : $0 })
        try connection.cachedStatement(sql: "DELETE FROM record_tag WHERE record = ?").execute([.integer(rowid)])
        let insert = try connection.cachedStatement(sql: "INSERT OR IGNORE INTO record_tag (tag, seq, record) VALUES (?, ?, ?)")
        for tag in tags { try insert.execute([.text(tag), .integer(sequence), .integer(rowid)]) }
        for tag in formerly.subtracting(tags) {
            try insert.execute([.text(Self.forgetTagPrefix + tag), .integer(sequence), .integer(rowid)])
        }
    }

    /// Re-files an unchanged record under `tags` with a new change sequence, so that a
    /// scoped feed that gains the record (e.g. a participant who now attends a forum in
    /// another municipality) delivers it even to readers whose cursor is past its old
    /// sequence. Does nothing when the record is unknown or, unless `evenIfUnchanged`
    /// (a record sent again to everyone who reads it), already filed under exactly these tags.
    ///
    /// - Returns: whether the record was re-filed.
    @discardableResult
    public func retag(collection: String, id: String, tags: [String], evenIfUnchanged: Bool = false) throws(ReplicaStoreError) -> Bool {
        guard let rowid = try rowid(collection: collection, id: id) else { return false }
        let wanted = Set(tags)
        if !evenIfUnchanged {
            guard Set(try self.tags(collection: collection, id: id)) != wanted else { return false }
        }
        return try transaction {
            let sequence = try lastSequence() + 1
            try connection.cachedStatement(sql: "UPDATE record SET seq = ? WHERE rowid = ?")
                .execute([.integer(sequence), .integer(rowid)])
            try fileTags(rowid: rowid, sequence: sequence, tags: wanted)
            return true
        }
    }

    /// Sends an unchanged record again: a new change sequence for it and for every row it
    /// is filed under (its tags and forget rows), so each scoped feed that holds it delivers
    /// it anew. What `retag(…, evenIfUnchanged: true)` with its own tags does, in two
    /// updates instead of reading and re-writing its tag rows.
    ///
    /// - Returns: whether the record is stored (and was sent again).
    @discardableResult
    public func resend(collection: String, id: String) throws(ReplicaStoreError) -> Bool {
        guard let rowid = try rowid(collection: collection, id: id) else { return false }
        try transaction {
            let sequence = try lastSequence() + 1
            try connection.cachedStatement(sql: "UPDATE record SET seq = ? WHERE rowid = ?")
                .execute([.integer(sequence), .integer(rowid)])
            try connection.cachedStatement(sql: "UPDATE record_tag SET seq = ? WHERE record = ?")
                .execute([.integer(sequence), .integer(rowid)])
        }
        return true
    }

    /// The row id of a stored record, without reading its state.
    func rowid(collection: String, id: String) throws(ReplicaStoreError) -> Int64? {
        try run {
            try connection.queryOne("SELECT rowid FROM record WHERE collection = ? AND id = ?",
                                    [.text(collection), .text(id)]) { try $0.int64(at: 0) }
        }
    }
}
