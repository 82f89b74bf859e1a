import CSQLite

/// Applies ordered, named schema migrations and records progress in `PRAGMA user_version`.
///
/// `user_version` is the number of migrations applied; migration `i` (0-based) moves it
/// from `i` to `i + 1`. Each migration runs in its own IMMEDIATE transaction together
/// with its version bump, so a failure leaves the database at the last good version.
/// Migrations are append-only: never reorder, edit or remove a shipped one.
///
///     var migrator = Migrator()
///     migrator.register("create posts", sql: "CREATE TABLE posts(id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
///     migrator.register("index posts") { db in try db.execute("CREATE INDEX …") }
///     try migrator.migrate(connection)
public struct Migrator {
    /// One schema step.
    public struct Migration {
        /// A human-readable name, used in error messages.
        public let name: String
        let apply: (Connection) throws -> Void
    }

    /// The registered migrations, in application order.
    public private(set) var migrations: [Migration] = []

    /// Creates an empty migrator.
    public init() {}

    /// Appends a migration that runs an SQL script. The script must not contain
    /// transaction statements (BEGIN/COMMIT); the migrator supplies the transaction.
    public mutating func register(_ name: String, sql: String) {
        migrations.append(Migration(name: name) { try $0.execute(sql) })
    }

    /// Appends a migration that runs Swift code on the connection, inside the
    /// migration's transaction.
    public mutating func register(_ name: String, _ apply: @escaping (Connection) throws -> Void) {
        migrations.append(Migration(name: name, apply: apply))
    }

    /// The schema version recorded in the database (migrations applied).
    ///
    /// - Throws: `SQLiteError`; `newer_schema` when the database was migrated by a newer
    ///   program (more migrations than this one knows), `unknown_schema` when the version
    ///   is negative.
    public func appliedCount(in connection: Connection) throws(SQLiteError) -> Int {
        guard case .integer(let version)? = try connection.scalar("PRAGMA user_version") else {
            throw SQLiteError(code: "error", resultCode: SQLITE_ERROR, message: "PRAGMA user_version returned no integer")
        }
        guard version >= 0 else {
            throw SQLiteError(code: "unknown_schema", resultCode: SQLITE_ERROR,
                              message: "database '\(connection.path)' has schema version \(version), which no version of this program writes")
        }
        guard version <= Int64(migrations.count) else {
            throw SQLiteError(code: "newer_schema", resultCode: SQLITE_ERROR,
                              message: "database '\(connection.path)' has schema version \(version), newer than the \(migrations.count) migrations this program knows; refusing to use it (upgrade the program)")
        }
        return Int(version)
    }

    /// Applies every pending migration, in order.
    ///
    /// Safe to call on every start and from several processes at once: each step
    /// re-reads the version inside its transaction. A database that is already current
    /// or newer is not written to.
    ///
    /// - Returns: How many migrations this call applied.
    /// - Throws: `SQLiteError` with code `newer_schema` (nothing modified), `misuse` for
    ///   duplicate names, or a migration's error, its message prefixed with the name.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> Int {
        var seen = Set<String>()
        for migration in migrations where !seen.insert(migration.name).inserted {
            throw SQLiteError.misuse("migration name '\(migration.name)' is registered twice")
        }
        // Checked outside any transaction so a refused database sees no BEGIN at all.
        guard try appliedCount(in: connection) < migrations.count else { return 0 }
        var applied = 0
        while try step(connection) { applied += 1 }
        return applied
    }

    /// Applies the next pending migration, if any; returns whether it applied one.
    private func step(_ connection: Connection) throws -> Bool {
        try connection.transaction(.immediate) {
            let version = try appliedCount(in: connection)
            guard version < migrations.count else { return false }
            let migration = migrations[version]
            do {
                try migration.apply(connection)
            } catch let error as SQLiteError {
                throw SQLiteError(code: error.code, resultCode: error.resultCode,
                                  extendedResultCode: error.extendedResultCode,
                                  message: "migration \(version + 1) '\(migration.name)': \(error.message)",
                                  sql: error.sql)
            }
            try connection.execute("PRAGMA user_version = \(version + 1)")
            return true
        }
    }
}
