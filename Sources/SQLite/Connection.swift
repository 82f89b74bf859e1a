import CSQLite

/// A small, hardened SQLite layer.
///
/// - `Connection` opens one database file and checks it is a readable SQLite database
///   before changing anything (a foreign or corrupt file is refused with code
///   `not_a_database` and left byte-for-byte untouched), then enables WAL,
///   `foreign_keys` and `synchronous=NORMAL` per `Connection.Configuration`.
/// - `Statement` is a prepared statement; `Connection.cachedStatement(sql:)` reuses them.
/// - `SQLValue` is what goes in and comes out; values are always bound, never spliced.
/// - `SQLiteError` carries a stable string `code`; it never contains bound values.
/// - `transaction(_:_:)` nests through savepoints; `Migrator` versions the schema in
///   `PRAGMA user_version` and refuses databases from newer program versions.
/// - `backup(to:)`, `integrityCheck()` and `explainQueryPlan(_:_:)` serve operations.
///
/// Threading: a connection is opened with `SQLITE_OPEN_NOMUTEX` and is not `Sendable`.
/// Use each connection (and its statements) from one thread or actor at a time; open one
/// connection per concurrent user. WAL lets one writer and many readers (separate
/// connections) run at once.
public final class Connection {
    /// The path given at open, as shown in error messages. Not personal data.
    public let path: String
    /// The configuration the connection was opened with.
    public let configuration: Configuration

    let handle: DatabaseHandle
    var statementCache: StatementCache
    /// How many savepoints `transaction` currently has open, for unique names.
    var savepointDepth = 0

    var db: OpaquePointer { handle.db }

    /// Opens (or creates) the database at `path`.
    ///
    /// The file is validated by reading its schema before anything is written, so a file
    /// that is not an SQLite database is refused without being modified.
    ///
    /// - Parameters:
    ///   - path: A file path, or `":memory:"` for a private in-memory database.
    ///   - configuration: Open flags and tuning; see `Configuration`.
    /// - Throws: `SQLiteError`; code `not_a_database` for a foreign or corrupt file,
    ///   `cannot_open` for a missing file or directory, `journal_mode` when WAL cannot be
    ///   enabled. Messages name the path.
    public init(path: String, configuration: Configuration = .init()) throws(SQLiteError) {
        self.path = path
        self.configuration = configuration
        var flags = SQLITE_OPEN_NOMUTEX
        if configuration.readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE
            if configuration.createIfMissing { flags |= SQLITE_OPEN_CREATE }
        }
        var raw: OpaquePointer?
        let result = sqlite3_open_v2(path, &raw, flags, nil)
        guard result == SQLITE_OK, let raw else {
            let error = SQLiteError(result: result, db: raw)
            // open_v2 allocates a handle even on failure; it must still be closed.
            if let raw { sqlite3_close_v2(raw) }
            throw Self.naming(path, in: error)
        }
        // From here the handle closes itself if init throws.
        handle = DatabaseHandle(raw)
        statementCache = StatementCache(capacity: configuration.statementCacheCapacity)
        do {
            try applySafetySettings()
            try validateFile()
            try applyPragmas()
        } catch {
            statementCache.removeAll()
            throw Self.naming(path, in: error)
        }
    }

    deinit {
        // Cached statements hold the handle; dropping them lets the handle close.
        statementCache.removeAll()
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes64(db)) }

    /// Rows changed by INSERT, UPDATE and DELETE on this connection since it opened (rolled
    /// back changes included): unchanged between two readings means this connection wrote
    /// nothing in between.
    public var totalChanges: Int64 { sqlite3_total_changes64(db) }

    /// `PRAGMA data_version`: changes between two readings exactly when another connection
    /// (of this or another process) committed a change to the database in between.
    public func dataVersion() throws(SQLiteError) -> Int64 {
        guard case .integer(let version)? = try scalar("PRAGMA data_version") else {
            throw .misuse("PRAGMA data_version gave no number", sql: "PRAGMA data_version")
        }
        return version
    }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(db) == 0 }

    // MARK: Opening

    /// Settings that cannot fail on a valid handle and write nothing.
    private func applySafetySettings() throws(SQLiteError) {
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Int32(clamping: max(0, configuration.busyTimeout)))
        // Defensive mode blocks schema tampering that can corrupt a file; untrusted-schema
        // mode stops triggers and views in a hostile file from calling risky functions;
        // double-quoted string literals hide typos in column names.
        let options: [(Int32, Int32)] = [
            (SQLITE_DBCONFIG_DEFENSIVE, 1), (SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0),
            (SQLITE_DBCONFIG_DQS_DML, 0), (SQLITE_DBCONFIG_DQS_DDL, 0),
        ]
        for (option, value) in options {
            let result = csqlite_db_config_flag(db, option, value)
            guard result == SQLITE_OK else { throw SQLiteError(result: result, db: db) }
        }
    }

    /// Forces SQLite to read the header and schema, which fails on a foreign or corrupt
    /// file. Must run before any statement that could write.
    private func validateFile() throws(SQLiteError) {
        do {
            _ = try scalar("SELECT count(*) FROM sqlite_master")
        } catch where error.resultCode == SQLITE_NOTADB || error.resultCode == SQLITE_CORRUPT {
            throw SQLiteError(code: "not_a_database", resultCode: error.resultCode,
                              extendedResultCode: error.extendedResultCode,
                              message: "not an SQLite database, or corrupt (\(error.message))")
        }
    }

    private func applyPragmas() throws(SQLiteError) {
        if configuration.journalModeWAL, !configuration.readOnly, isFileDatabase {
            var mode = ""
            if case .text(let name)? = try scalar("PRAGMA journal_mode=WAL") { mode = name.lowercased() }
            // SQLite answers with the mode it ended up in, not an error, when WAL is
            // impossible (e.g. some network file systems).
            guard mode == "wal" else {
                throw SQLiteError(code: "journal_mode", resultCode: SQLITE_ERROR,
                                  message: "could not enable WAL journal mode (got '\(mode)')")
            }
        }
        try execute("PRAGMA synchronous=\(configuration.synchronous.rawValue)")
        try execute("PRAGMA foreign_keys=\(configuration.foreignKeys ? "ON" : "OFF")")
        try execute("PRAGMA cache_size=-\(max(64, configuration.cacheSizeKiB))")
        if isFileDatabase {
            try execute("PRAGMA mmap_size=\(min(max(0, configuration.mmapSizeKiB), Int.max / 1024) * 1024)")
        }
    }

    /// Whether the main database is a file (not `:memory:` or a temporary database).
    private var isFileDatabase: Bool {
        guard let name = sqlite3_db_filename(db, "main") else { return false }
        return name.pointee != 0
    }

    /// The same error with the database path prefixed to its message.
    private static func naming(_ path: String, in error: SQLiteError) -> SQLiteError {
        SQLiteError(code: error.code, resultCode: error.resultCode,
                    extendedResultCode: error.extendedResultCode,
                    message: "database '\(path)': \(error.message)", sql: error.sql)
    }
}
