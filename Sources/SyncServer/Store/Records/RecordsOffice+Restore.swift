import Foundation
import SQLite
import SyncCore

extension RecordsOffice {
    /// What `restore` did.
    public struct RestoreReport: Sendable, Equatable {
        /// The new incarnation the devices will see.
        public var incarnation: String
        /// Where the database that was replaced was kept (`nil` when there was none).
        public var replacedKeptAt: String?
    }

    /// Restores the database in `directory` from `backup` (a file `backup` wrote), with
    /// the server stopped. The replaced database is kept beside it as
    /// `server.sqlite.replaced-<ms>` (with its `-wal` and `-shm`); the acknowledgement
    /// ledger stays in place, and the server gets a new incarnation, so devices re-offer
    /// what they hold at their next sync and every write acknowledged before the restore
    /// comes back (PROTOCOL.md §14a).
    /// - Throws: `restore_source` when `backup` is not a readable forum-sync database,
    ///   `data_directory`, `storage_error`.
    public static func restore(from backup: String, directory: String, policy: any SyncPolicy,
                               clock: WallClock = .system)
        throws(SyncServerError) -> RestoreReport {
        let target = (directory as NSString).appendingPathComponent(ServerStore.fileName)
        guard (backup as NSString).standardizingPath != (target as NSString).standardizingPath else {
            throw SyncServerError(AdminErrorCode.restoreSource, "The backup is the database itself.")
        }
        // A backup is read, never changed: a read-only connection, and the tables a server has.
        let source: Connection
        do {
            var configuration = Connection.Configuration()
            configuration.readOnly = true
            source = try Connection(path: backup, configuration: configuration)
            let tables = try source.query("SELECT name FROM sqlite_master WHERE type = 'table'") { try $0.text(at: 0) }
            guard ["record", "device"].allSatisfy(tables.contains),
                  try source.queryOne("PRAGMA quick_check", row: { try $0.text(at: 0) }) == "ok" else {
                throw SyncServerError(AdminErrorCode.restoreSource, "The file is not an intact forum-sync server database.")
            }
        } catch let error as SyncServerError {
            throw error
        } catch {
            throw SyncServerError(AdminErrorCode.restoreSource, "The backup could not be opened.")
        }
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        } catch {
            throw SyncServerError(AdminErrorCode.dataDirectory, "The data directory could not be created.")
        }
        let now = clock()
        var kept: String?
        if manager.fileExists(atPath: target) {
            let aside = target + ".replaced-\(now)"
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: target + suffix) {
                guard rename(target + suffix, aside + suffix) == 0 else {
                    throw SyncServerError(AdminErrorCode.dataDirectory, "The current database could not be moved aside.")
                }
            }
            kept = aside
        }
        do {
            try source.backup(to: target)
        } catch {
            throw SyncServerError.storage(error)
        }
        ServerStore.makePrivate(databaseAt: target)
        do {
            let ledger = try AcknowledgementLedger(path: ServerStore.ledgerPath(forDatabaseAt: target), clock: clock)
            let incarnation = try ledger.beginIncarnation(restoredFrom: (backup as NSString).lastPathComponent, at: now)
            // Open once as the server would: migrations of an older backup run now, not at serve.
            _ = try ServerStore(directory: directory, policy: policy, clock: clock)
            return RestoreReport(incarnation: incarnation, replacedKeptAt: kept)
        } catch let error as SyncServerError {
            throw error
        } catch {
            throw SyncServerError.storage(error)
        }
    }
}
