import CSQLite

/// An error reported by SQLite or by this layer.
///
/// Match on `code`, a stable string, rather than on numeric result codes:
///
///     do { try connection.execute(sql, values) }
///     catch let error as SQLiteError where error.code == "constraint" { ... }
///
/// Codes mapped from SQLite primary result codes: `error`, `internal`, `permission`,
/// `abort`, `busy`, `locked`, `no_memory`, `readonly`, `interrupted`, `io`, `corrupt`,
/// `not_found`, `full`, `cannot_open`, `protocol`, `schema_changed`, `too_big`,
/// `constraint`, `mismatch`, `misuse`, `no_lfs`, `auth`, `range`, `not_a_database`.
/// Codes raised by this layer: `not_a_database` (also for a corrupt file at open),
/// `newer_schema` (see `Migrator`), `misuse` (API used wrongly, e.g. two statements where
/// one was expected), `range` (column or parameter index out of range, or no current
/// row), `journal_mode` (WAL could not be enabled).
///
/// Neither the message nor the description ever contains bound values. `sql` is the
/// statement text as written (never SQLite's expanded SQL, which inlines bound values),
/// so keep personal data out of SQL text and bind it instead.
public struct SQLiteError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Stable, lower_snake_case classification; see the type's documentation.
    public let code: String
    /// SQLite's primary result code (`SQLITE_BUSY` etc.), or `SQLITE_ERROR` / `SQLITE_MISUSE`
    /// for errors raised by this layer.
    public let resultCode: Int32
    /// SQLite's extended result code (e.g. `SQLITE_CONSTRAINT_UNIQUE`), or `resultCode`.
    public let extendedResultCode: Int32
    /// Human-readable explanation, from `sqlite3_errmsg` or this layer.
    public let message: String
    /// The SQL being run, if any. Never contains bound values.
    public let sql: String?

    /// Creates an error. Most callers receive errors rather than create them.
    public init(code: String, resultCode: Int32, extendedResultCode: Int32? = nil,
                message: String, sql: String? = nil) {
        self.code = code
        self.resultCode = resultCode
        self.extendedResultCode = extendedResultCode ?? resultCode
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLiteError(\(code), \(extendedResultCode)): \(message)"
        if let sql { text += " [sql: \(sql)]" }
        return text
    }
}

extension SQLiteError {
    /// Builds an error from the state of `db` after a call returned `result`.
    ///
    /// The message is read from the connection immediately, before any further call can
    /// overwrite it.
    init(result: Int32, db: OpaquePointer?, sql: String? = nil) {
        let extended = db.map { sqlite3_extended_errcode($0) } ?? result
        // The connection's error may belong to a different call when `result` came from
        // an API that does not set it (e.g. sqlite3_backup_*); fall back to errstr then.
        let primary = result & 0xff
        let message: String
        if let db, extended & 0xff == primary, let cMessage = sqlite3_errmsg(db) {
            message = String(cString: cMessage)
        } else {
            message = String(cString: sqlite3_errstr(result))
        }
        self.init(code: Self.code(forPrimary: primary), resultCode: primary,
                  extendedResultCode: extended & 0xff == primary ? extended : result,
                  message: message, sql: sql)
    }

    /// An error raised by this layer for API misuse.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: "misuse", resultCode: SQLITE_MISUSE, message: message, sql: sql)
    }

    /// An error raised by this layer for an index out of range or a missing row.
    static func range(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: "range", resultCode: SQLITE_RANGE, message: message, sql: sql)
    }

    /// The stable code for a primary result code.
    static func code(forPrimary primary: Int32) -> String {
        switch primary {
        case SQLITE_INTERNAL: "internal"
        case SQLITE_PERM: "permission"
        case SQLITE_ABORT: "abort"
        case SQLITE_BUSY: "busy"
        case SQLITE_LOCKED: "locked"
        case SQLITE_NOMEM: "no_memory"
        case SQLITE_READONLY: "readonly"
        case SQLITE_INTERRUPT: "interrupted"
        case SQLITE_IOERR: "io"
        case SQLITE_CORRUPT: "corrupt"
        case SQLITE_NOTFOUND: "not_found"
        case SQLITE_FULL: "full"
        case SQLITE_CANTOPEN: "cannot_open"
        case SQLITE_PROTOCOL: "protocol"
        case SQLITE_SCHEMA: "schema_changed"
        case SQLITE_TOOBIG: "too_big"
        case SQLITE_CONSTRAINT: "constraint"
        case SQLITE_MISMATCH: "mismatch"
        case SQLITE_MISUSE: "misuse"
        case SQLITE_NOLFS: "no_lfs"
        case SQLITE_AUTH: "auth"
        case SQLITE_RANGE: "range"
        case SQLITE_NOTADB: "not_a_database"
        default: "error"
        }
    }
}
