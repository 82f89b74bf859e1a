import SQLite

/// When a COMMIT of the server's database and of its acknowledgement ledger returns, as
/// SQLite's `PRAGMA synchronous` in WAL mode (`SyncServerConfiguration.synchronous`).
public enum CommitSynchronous: String, Sendable, Equatable, CaseIterable {
    /// The WAL is synced to the disk at every COMMIT, before the COMMIT returns: a committed
    /// (and so answered) push survives a power loss or a crash of the machine. A push's
    /// transaction syncs the ledger, then the database; a group's pushes share those two
    /// syncs (group commit).
    case full
    /// The WAL is synced only at checkpoints: a committed push survives a crash of the
    /// server process, but a power loss may roll back the last commits, answered ones too.
    case normal

    /// The pragma's value.
    var pragma: Connection.Synchronous {
        switch self {
        case .full: .full
        case .normal: .normal
        }
    }
}
