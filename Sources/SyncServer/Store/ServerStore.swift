import Foundation
import Messages
import ReplicaStore
import SQLite
import SyncCore

/// The server's database, shared by its rooms: the replica store of every record plus the
/// server's own tables (devices, enrolment codes, push responses, daily activity) in one
/// SQLite file, the acknowledgement ledger beside it, the one lock, the clocks, the
/// domain rules and the configuration. What is done with them lives in the rooms, each a
/// view of this one object: `DeviceRegistry` (devices, enrolment, tokens, login links),
/// `SyncLedger` (push, group commit, replay, pull, tombstones), `ConflictDesk` (conflicts
/// listed, shown and resolved), `RecordsOffice` (import, backup and restore, erasure,
/// audit) and `StatusBoard` (the dashboard's overview and the metrics' gauges). What every
/// room shares stays here and beside it: the write gate (`WriteGate.swift`) and scope
/// (`ServerStore+Scope.swift`).
///
/// Every operation takes the one lock, so the single connection is used by one thread at
/// a time; the HTTP server calls handlers on several worker threads. Admin commands open
/// their own `ServerStore` on the same file (SQLite's WAL and busy timeout coordinate
/// the two processes).
public final class ServerStore: @unchecked Sendable {
    /// The file name inside the data directory.
    public static let fileName = "server.sqlite"
    /// The acknowledgement ledger's file name, beside the database file.
    public static let ledgerFileName = AcknowledgementLedger.fileName

    let store: ReplicaStore
    let lookup: StoreLookup
    /// What the server acknowledged, beside the database file; survives a restore.
    let ledger: AcknowledgementLedger
    /// The domain rules.
    public let policy: any SyncPolicy
    /// Limits and lifetimes.
    public let configuration: SyncServerConfiguration
    let lock = NSLock()
    /// Pushes waiting to be written together (`SyncServerConfiguration.groupCommit`); the
    /// `SyncLedger`'s, kept here because every view of the store must share one queue.
    let pushGroups: GroupCommitQueue
    /// Wall clock in ms since 1970; replaceable in tests (expired codes, retention).
    let clock: WallClock
    var hybridClock: HybridClock

    /// Opens (creating if needed) the database in `directory`.
    /// - Parameters:
    ///   - directory: the data directory; created when missing.
    ///   - policy: the domain rules.
    ///   - configuration: limits and lifetimes.
    ///   - clock: wall clock in ms since 1970.
    /// - Throws: `SyncServerError` (`data_directory`, `storage_error`).
    public convenience init(directory: String, policy: any SyncPolicy, configuration: SyncServerConfiguration = .init(),
                            clock: WallClock = .system) throws(SyncServerError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw SyncServerError(AdminErrorCode.dataDirectory, "The data directory could not be created.")
        }
        // The mode given to mkdir is reduced by the umask, and an existing directory keeps
        // its own: set it, so records are private whatever the umask (issue 20).
        guard chmod(directory, 0o700) == 0 else {
            throw SyncServerError(AdminErrorCode.dataDirectory, "The data directory's permissions could not be set.")
        }
        try self.init(path: (directory as NSString).appendingPathComponent(Self.fileName), policy: policy,
                      configuration: configuration, clock: clock)
    }

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String, policy: any SyncPolicy, configuration: SyncServerConfiguration = .init(),
                clock: WallClock = .system) throws(SyncServerError) {
        var storeConfiguration = ReplicaStore.Configuration(indexedFields: ServerSchema.indexedFields,
                                                            hostMigrations: ServerSchema.migrations)
        storeConfiguration.decodedStateCacheCapacity = configuration.decodedStateCacheCapacity
        // Devices are answered after the COMMIT: it must be on the disk by then.
        storeConfiguration.connection.synchronous = configuration.synchronous.pragma
        Self.makePrivate(databaseAt: path)
        do { store = try ReplicaStore(path: path, configuration: storeConfiguration) } catch {
            throw SyncServerError.storage(error)
        }
        // SQLite gives the WAL and shared-memory files the database file's mode.
        Self.makePrivate(databaseAt: path)
        // Freed content is overwritten, so an erased or deleted value does not linger in
        // the file's free pages (issue 17).
        do { try store.connection.execute("PRAGMA secure_delete = ON") } catch { throw SyncServerError.storage(error) }
        store.clock = clock
        lookup = StoreLookup(store: store, carryCapacity: configuration.lookupCarryCapacity)
        do { ledger = try AcknowledgementLedger(path: Self.ledgerPath(forDatabaseAt: path), clock: clock,
                                                synchronous: configuration.synchronous.pragma) } catch {
            throw SyncServerError.storage(error)
        }
        self.policy = policy
        self.configuration = configuration
        pushGroups = GroupCommitQueue(configuration: configuration.groupCommit)
        self.clock = clock
        hybridClock = HybridClock(last: Self.parseTimestamp((try? store.checkpoint(Self.clockKey)) ?? nil) ?? .zero)
    }

    /// The acknowledgement ledger's file beside the database file at `path`.
    static func ledgerPath(forDatabaseAt path: String) -> String {
        guard path != ":memory:", !path.isEmpty, !path.hasPrefix("file:") else { return ":memory:" }
        return ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(AcknowledgementLedger.fileName)
    }

    /// The current incarnation (PROTOCOL.md §14a): sent with every push answer and pull page.
    public var incarnation: String { lock.withLock { ledger.incarnation } }

    /// Creates the database file owner-only (0600) if missing and sets that mode on it and
    /// on its `-wal` and `-shm` files, whatever the umask: they hold personal data.
    static func makePrivate(databaseAt path: String) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        // O_EXCL: an existing file is never opened here, because closing any descriptor of
        // a file drops every POSIX lock this process holds on it, SQLite's included.
        let created = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o600))
        if created >= 0 { close(created) }
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] { _ = chmod(file, 0o600) }
    }


    /// Runs `body` holding the lock, mapping storage failures to `storage_error`.
    func locked<T>(_ body: () throws -> T) throws(SyncServerError) -> T {
        lock.lock()
        defer { lock.unlock() }
        do { return try body() } catch let error as SyncServerError { throw error } catch { throw .storage(error) }
    }

    // MARK: - Rooms

    /// Devices, enrolment, tokens and login links.
    public var deviceRegistry: DeviceRegistry { DeviceRegistry(self) }
    /// Push, pull, replay and tombstones.
    public var syncLedger: SyncLedger { SyncLedger(self) }
    /// Conflicts and review flags: listed, shown, resolved.
    public var conflictDesk: ConflictDesk { ConflictDesk(self) }
    /// Import, backup and restore, erasure, the audit trail.
    public var recordsOffice: RecordsOffice { RecordsOffice(self) }
    /// The dashboard's overview and the metrics' gauges.
    public var statusBoard: StatusBoard { StatusBoard(self) }

    // MARK: - Server clock

    static let clockKey = "server.hlc"

    /// A new reading of the server's hybrid clock, persisted with the caller's transaction.
    func nextServerTime() throws -> HybridTimestamp {
        let time = hybridClock.now(wallMillis: clock())
        try store.setCheckpoint(Self.clockKey, "\(time.wallMillis).\(time.logical)")
        return time
    }

    static func parseTimestamp(_ text: String?) -> HybridTimestamp? {
        guard let parts = text?.split(separator: "."), parts.count == 2,
              let millis = Int64(parts[0]), let logical = UInt32(parts[1]) else { return nil }
        return HybridTimestamp(wallMillis: millis, logical: logical)
    }

    /// Today's date in Stockholm, `YYYY-MM-DD`, for the daily activity counts.
    func today() -> String {
        StockholmTime.format(Date(timeIntervalSince1970: Double(clock()) / 1000), style: .date, language: .sv)
    }

    /// Adds to today's activity counts (inside the caller's lock).
    func countActivity(pushes: Int = 0, pulls: Int = 0, conflicts: Int = 0) throws {
        try store.connection.execute("""
            INSERT INTO sync_day (day, pushes, pulls, conflicts) VALUES (?, ?, ?, ?)
            ON CONFLICT(day) DO UPDATE SET pushes = pushes + excluded.pushes, pulls = pulls + excluded.pulls,
                conflicts = conflicts + excluded.conflicts
            """, [.text(today()), .integer(Int64(pushes)), .integer(Int64(pulls)), .integer(Int64(conflicts))])
    }
}
