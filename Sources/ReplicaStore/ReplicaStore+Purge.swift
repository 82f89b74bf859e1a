import SQLite
import SyncCore

extension ReplicaStore {
    /// Removes a record from this replica entirely: its state, field index rows and tags.
    /// Not a delete for anyone else (nothing is written, nothing pends): what a device does
    /// with a record the server refused and will not let it read (PROTOCOL.md §8).
    /// - Returns: whether there was such a record.
    @discardableResult
    public func purge(collection: String, id: String) throws(ReplicaStoreError) -> Bool {
        try transaction {
            guard let existing = try row(collection: collection, id: id) else { return false }
            try connection.cachedStatement(sql: "DELETE FROM record_tag WHERE record = ?").execute([.integer(existing.rowid)])
            try connection.cachedStatement(sql: "DELETE FROM record_field WHERE collection = ? AND id = ?")
                .execute([.text(collection), .text(id)])
            try connection.cachedStatement(sql: "DELETE FROM record WHERE rowid = ?").execute([.integer(existing.rowid)])
            return true
        }
    }
}
