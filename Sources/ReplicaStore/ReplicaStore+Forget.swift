import SQLite
import SyncCore

extension ReplicaStore {
    /// Removes a record from this store altogether: its state, scope tags and indexed
    /// values. Not a delete (which is a write that syncs): the record is as if never
    /// received, so the next pull from the beginning brings the server's state back. For
    /// a client that must drop states holding writes the server will never accept (a
    /// re-enrolled device's old unsynced changes, re-applied under its new identity).
    public func forget(collection: String, id: String) throws(ReplicaStoreError) {
        try purge(collection: collection, id: id)
    }

    /// Removes a checkpoint, so `checkpoint(_:)` returns `nil` again.
    public func removeCheckpoint(_ key: String) throws(ReplicaStoreError) {
        try run { try connection.execute("DELETE FROM checkpoint WHERE key = ?", [.text(key)]) }
    }
}
