import SQLite
import SyncCore

extension ReplicaStore {
    /// Removes a record from this store altogether: its state, scope tags and indexed
    /// values. Not a delete (which is a write that syncs): the record is as if never
    /// received, so the next pull from the beginning brings the server's state back. For
    /// a client that must drop states holding writes the server will never accept (a
    /// re-enrolled device's old unsynced changes, re-applied under its new identity).
    public func forget(collection: String, id: String) throws(ReplicaStoreError) {
        decodedStates[RecordKey(collection: collection, id: id)] = nil
        try transaction {
            guard let rowid = try connection.queryOne("SELECT rowid FROM record WHERE collection = ? AND id = ?",
                                                      [.text(collection), .text(id)], row: { try $0.int64(at: 0) }) else { return }
            try connection.execute("DELETE FROM record_tag WHERE record = ?", [.integer(rowid)])
            try connection.execute("DELETE FROM record_field WHERE collection = ? AND id = ?", [.text(collection), .text(id)])
            try connection.execute("DELETE FROM record WHERE rowid = ?", [.integer(rowid)])
        }
    }

    /// Removes a checkpoint, so `checkpoint(_:)` returns `nil` again.
    public func removeCheckpoint(_ key: String) throws(ReplicaStoreError) {
        try run { try connection.execute("DELETE FROM checkpoint WHERE key = ?", [.text(key)]) }
    }
}
