import ReplicaStore

/// The server's records as a whole: trusted imports, backups and restores, a participant's
/// erasure, and the audit trail of what admins and devices did. A room of the shared
/// `ServerStore`.
public struct RecordsOffice: ServerRoom, Sendable {
    /// The shared store.
    public let server: ServerStore

    /// The room of `server` (also `server.recordsOffice`).
    public init(_ server: ServerStore) { self.server = server }

    /// A consistent copy of the database at `path` (SQLite's online backup), safe while
    /// the server runs. Restore: stop the server, copy the file to `DATA/server.sqlite`, start.
    public func backup(to path: String) throws(SyncServerError) {
        try locked { try store.connection.backup(to: path) }
    }
}
