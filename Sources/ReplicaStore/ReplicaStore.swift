import Foundation
import SQLite
import SyncCore

/// The SQLite store of record states, shared by the field client's local replica and the
/// central server.
///
/// One row per record holds its full `RecordState` (canonical JSON) and a change sequence
/// number assigned anew at every change, so `changes(since:)` is the feed of the latest
/// state of each changed record. All of a batch is merged in one transaction: a crash
/// leaves all of it or none of it, together with the checkpoint that belongs to it.
///
/// A store is not thread-safe: use it from one thread at a time (the server serialises
/// access; see `SyncServer`).
public final class ReplicaStore {
    /// Settings of a store.
    public struct Configuration {
        /// Fields whose visible values are indexed for `records(in:where:equals:)`, by
        /// collection. Default: none.
        public var indexedFields: [String: Set<String>]
        /// Limits checked on states read from the database. Default: `RecordLimits()`.
        public var limits: RecordLimits
        /// The host's own schema steps, applied after the store's. Default: none.
        public var hostMigrations: [(name: String, sql: String)]
        /// SQLite connection settings. Default: WAL, 5 s busy timeout.
        public var connection: Connection.Configuration
        /// Decoded record states kept for reuse, in states per generation (see
        /// `DecodedStateCache`: at most twice this many are held). Default 1024; 0 disables.
        /// Rules follow references (an honorarium's attendance, its forum), so a push or
        /// import reads the same few parent records again and again; parsing their JSON
        /// each time was most of the server's work.
        public var decodedStateCacheCapacity: Int = 1024
        /// Fields kept beside each state of a collection, in the `record.facts` column, for
        /// rules that read them of a referenced record (`facts(collection:id:)`), by
        /// collection. Default: none (no column is added). The field client keeps
        /// `ForumSchema.factFields`.
        public var factFields: [String: [String]] = [:]

        /// Creates a configuration.
        public init(indexedFields: [String: Set<String>] = [:], limits: RecordLimits = RecordLimits(),
                    hostMigrations: [(name: String, sql: String)] = [],
                    connection: Connection.Configuration = .init()) {
            self.indexedFields = indexedFields
            self.limits = limits
            self.hostMigrations = hostMigrations
            self.connection = connection
        }
    }

    /// The underlying connection. Hosts may keep their own tables in the same database.
    public let connection: Connection
    /// The configuration the store was opened with.
    public let configuration: Configuration
    /// Supplies the current time in milliseconds; replaceable in tests.
    public var clock: WallClock = .system
    /// Recently decoded states with the exact bytes they came from (see `decode(_:key:)`).
    var decodedStates: DecodedStateCache
    /// Whether `record.facts` is kept and current for `configuration.factFields`.
    private(set) var keepsFacts = false

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// - Throws: `ReplicaStoreError` — `store_not_a_database` for a file that is not a
    ///   SQLite database and `store_newer_schema` for one from a newer release, both without
    ///   modifying the file.
    public convenience init(path: String, configuration: Configuration = Configuration()) throws(ReplicaStoreError) {
        let connection: Connection
        do { connection = try Connection(path: path, configuration: configuration.connection) } catch {
            throw ReplicaStoreError.from(error)
        }
        try self.init(connection: connection, configuration: configuration)
    }

    /// Wraps an open connection and brings its schema up to date.
    public init(connection: Connection, configuration: Configuration = Configuration()) throws(ReplicaStoreError) {
        self.connection = connection
        self.configuration = configuration
        decodedStates = DecodedStateCache(capacity: configuration.decodedStateCacheCapacity)
        var migrator = Migrator()
        Self.registerMigrations(in: &migrator)
        for migration in configuration.hostMigrations { migrator.register(migration.name, sql: migration.sql) }
        do { try migrator.migrate(connection) } catch { throw ReplicaStoreError.from(error) }
        // Tombstones are purged past a horizon (PROTOCOL.md §14d), found through this
        // partial index. Not a migration step: the store's steps come before the host's, so
        // one cannot be appended to them without shifting the host's recorded version.
        do {
            try connection.execute("CREATE INDEX IF NOT EXISTS record_tombstone ON record(updated_at) WHERE deleted = 1 AND conflict = 0")
        } catch { throw ReplicaStoreError.from(error) }
        try reconcileFieldIndex()
        keepsFacts = try reconcileFacts()
    }

    /// Runs `body` in one transaction (committed on return, rolled back on throw).
    /// Nested calls use savepoints.
    public func transaction<T>(_ body: () throws -> T) throws(ReplicaStoreError) -> T {
        do { return try connection.transaction(.immediate, body) } catch { throw ReplicaStoreError.from(error) }
    }

    /// Wraps a throwing database call so every failure surfaces as a `ReplicaStoreError`.
    func run<T>(_ body: () throws -> T) throws(ReplicaStoreError) -> T {
        do { return try body() } catch { throw ReplicaStoreError.from(error) }
    }
}
