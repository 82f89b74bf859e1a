import SQLite
import SyncCore

/// Why a store operation failed. Codes are stable; messages never carry record contents.
public struct ReplicaStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable {
        /// The database could not be opened, read or written (see `underlying`).
        case database = "store_database"
        /// The file is not a SQLite database (or is corrupt); it was not modified.
        case notADatabase = "store_not_a_database"
        /// The database was written by a newer release; it was not modified.
        case newerSchema = "store_newer_schema"
        /// A stored state could not be read back: the row is corrupt.
        case corruptRecord = "store_corrupt_record"
        /// A filter names a field the store does not index.
        case fieldNotIndexed = "store_field_not_indexed"
        /// A state in a batch is invalid.
        case invalidRecord = "store_invalid_record"
    }

    /// The stable code.
    public let code: Code
    /// A description for developers and operators.
    public let message: String
    /// SQLite's stable code when the failure came from SQLite (e.g. `full`, `readonly`).
    public let sqliteCode: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, sqliteCode: String? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// Maps an SQLite error to a store error, keeping SQLite's code and message (which
    /// name the SQL and the file, never bound values).
    static func from(_ error: any Error) -> ReplicaStoreError {
        if let error = error as? ReplicaStoreError { return error }
        if let error = error as? SQLiteError {
            switch error.code {
            case "not_a_database", "corrupt": return ReplicaStoreError(.notADatabase, error.message, sqliteCode: error.code)
            case "newer_schema": return ReplicaStoreError(.newerSchema, error.message, sqliteCode: error.code)
            default: return ReplicaStoreError(.database, error.description, sqliteCode: error.code)
            }
        }
        if let error = error as? SyncCoreError { return ReplicaStoreError(.invalidRecord, error.description) }
        return ReplicaStoreError(.database, String(describing: type(of: error)))
    }
}
