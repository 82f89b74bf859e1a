#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite

extension Connection {
    /// Copies the whole database to `path` with SQLite's online backup API.
    ///
    /// The copy is one consistent snapshot of committed data; in WAL mode other
    /// connections keep writing meanwhile (their uncommitted work is not copied). The copy
    /// is written to `path + ".partial"` and renamed into place, so `path` never holds a
    /// half-written backup. An existing file at `path` is replaced.
    ///
    /// - Parameter path: The destination file; must differ from the source.
    /// - Throws: `SQLiteError`; `busy` if the source stays locked past the busy timeout,
    ///   `io` if the finished copy cannot be moved into place.
    public func backup(to path: String) throws(SQLiteError) {
        guard path != self.path else { throw .misuse("backup destination is the database itself: '\(path)'") }
        let partialPath = path + ".partial"
        unlink(partialPath)
        // Created owner-only before SQLite opens it, whatever the umask: a backup holds the
        // same data as the database (SQLite would create it 0644 minus the umask).
        let created = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o600))
        if created >= 0 { close(created) }
        var raw: OpaquePointer?
        let openResult = sqlite3_open_v2(partialPath, &raw,
                                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard openResult == SQLITE_OK, let destination = raw else {
            let error = SQLiteError(result: openResult, db: raw)
            if let raw { sqlite3_close_v2(raw) }
            throw Self.backupError(error, path: path)
        }
        do {
            try copy(into: destination)
        } catch {
            sqlite3_close_v2(destination)
            unlink(partialPath)
            throw Self.backupError(error, path: path)
        }
        let closeResult = sqlite3_close_v2(destination)
        guard closeResult == SQLITE_OK else {
            unlink(partialPath)
            throw Self.backupError(SQLiteError(result: closeResult, db: nil), path: path)
        }
        guard rename(partialPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partialPath)
            throw SQLiteError(code: "io", resultCode: SQLITE_IOERR,
                              message: "backup to '\(path)': could not move the copy into place: \(reason)")
        }
    }

    /// Runs the backup from this connection's main database into `destination`.
    private func copy(into destination: OpaquePointer) throws(SQLiteError) {
        guard let backup = sqlite3_backup_init(destination, "main", db, "main") else {
            throw SQLiteError(result: sqlite3_errcode(destination), db: destination)
        }
        // All pages in one step: one read transaction, hence one consistent snapshot.
        // Stepping in chunks would restart whenever another connection commits.
        let retryInterval: Int32 = 10
        var waited = 0
        var result: Int32
        repeat {
            result = sqlite3_backup_step(backup, -1)
            if result == SQLITE_BUSY || result == SQLITE_LOCKED {
                guard waited < configuration.busyTimeout else { break }
                sqlite3_sleep(retryInterval)
                waited += Int(retryInterval)
            }
        } while result != SQLITE_DONE && (result == SQLITE_OK || result == SQLITE_BUSY || result == SQLITE_LOCKED)
        // finish records any error on the destination connection.
        let finishResult = sqlite3_backup_finish(backup)
        guard result == SQLITE_DONE else { throw SQLiteError(result: result, db: destination) }
        guard finishResult == SQLITE_OK else { throw SQLiteError(result: finishResult, db: destination) }
    }

    private static func backupError(_ error: SQLiteError, path: String) -> SQLiteError {
        SQLiteError(code: error.code, resultCode: error.resultCode, extendedResultCode: error.extendedResultCode,
                    message: "backup to '\(path)': \(error.message)", sql: error.sql)
    }
}
