import Foundation
import ForumModel
import ReplicaStore
import SQLite
import SyncCore

/// This device's copy of the data: a `ReplicaStore` plus the device's identity, role and
/// hybrid logical clock.
///
/// Every local write goes through `change`, which stamps it with the device's replica id
/// and clock and checks it with `Authorization.check`, the very function the server runs
/// on a push, so a facilitator trying to approve an honorarium is refused here, offline,
/// with the code and message the server would give.
public final class LocalReplica {
    /// The underlying store (pending changes, checkpoints, conflicts).
    public let store: ReplicaStore
    /// This device's replica id: the writer of every local change.
    public let replica: ReplicaID
    /// The role and municipalities local writes are checked against.
    public let actor: Actor
    /// Domain limits for validation.
    public let domain: DomainConfiguration
    /// Wall-clock milliseconds since 1970; replaceable in tests.
    public var wallClock: WallClock = .system

    /// Fields indexed for filtered listings.
    static let indexedFields: [String: Set<String>] = [
        Attendance.collection: [Attendance.Field.forumID, Attendance.Field.participantID],
        Honorarium.collection: [Honorarium.Field.status],
    ]

    /// Checkpoint keys.
    enum Key {
        static let clock = "client.hlc"
        static let cursor = "client.pull_cursor"
        static let lastSync = "client.last_sync_ms"
        static let incarnation = "client.server_incarnation"
        static let retention = "client.retention_days"
        static let tombstones = "client.tombstone_days"
        static let resync = "client.resync"
        /// The replica id the server last answered `device_revoked` for.
        static let revoked = "client.revoked"
    }

    /// Opens (creating when needed) the replica at `path`.
    /// - Throws: `storage_error` when the file cannot be opened or is not a replica.
    public init(path: String, replica: ReplicaID, actor: Actor,
                domain: DomainConfiguration = DomainConfiguration()) throws(ClientError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FilePermissions.makeDirectory(directory) }
        var configuration = ReplicaStore.Configuration(indexedFields: Self.indexedFields,
                                                       hostMigrations: Self.migrations)
        configuration.factFields = ForumSchema.factFields
        do { store = try ReplicaStore(path: path, configuration: configuration) } catch {
            throw ClientError(.storageError, "the local replica could not be opened (\(error.code.rawValue))",
                              detailCode: error.sqliteCode)
        }
        _ = FilePermissions.setMode(0o600, of: path)
        // Deleted and purged content is overwritten, not left in free pages (issue 17).
        // A replica opened read-only cannot set it and needs not.
        try? store.connection.execute("PRAGMA secure_delete = ON")
        self.replica = replica
        self.actor = actor
        self.domain = domain
    }

    /// Opens the replica of an enrolled profile.
    public convenience init(path: String, profile: ClientProfile) throws(ClientError) {
        guard let role = Role(rawValue: profile.role) else {
            throw ClientError(.storageError, "the profile names an unknown role")
        }
        try self.init(path: path, replica: profile.replica, actor: Actor(role: role, municipalities: Set(profile.municipalities)))
    }

    /// Reads other records for the domain rules and views.
    public var lookup: StoreLookup { StoreLookup(store: store) }

    /// Makes a local write to one record in one transaction.
    ///
    /// `body` gets the current state (empty for a new record), this device's replica id and
    /// a fresh clock reading, and changes the state with SyncCore's write operations.
    /// Unless `enforcingRules` is `false` (only tests do that, to play a tampered client),
    /// the change must pass `Authorization.check` for this device's actor.
    ///
    /// - Returns: the stored state (unchanged when the body changed nothing).
    /// - Throws: `refused` with the domain's code and parameters, `storage_error`.
    @discardableResult
    public func change(collection: String, id: String, enforcingRules: Bool = true,
                       _ body: (inout RecordState, ReplicaID, HybridTimestamp) throws -> Void) throws(ClientError) -> RecordState {
        do {
            let result = try store.update(collection: collection, id: id) { state in
                let before = state.isEmpty ? nil : state
                let time = try nextTimestamp()
                try body(&state, replica, time)
                if enforcingRules, state != before ?? RecordState(collection: collection, id: id),
                   case .failure(let error) = Authorization.check(actor: actor, before: before, after: state,
                                                                  lookup: MemoizedLookup(lookup), configuration: domain) {
                    throw error
                }
            }
            return result.state
        } catch let error as DomainError {
            throw ClientError(.refused, error.message, detailCode: error.code.rawValue, detailParams: error.params)
        } catch let error as ClientError {
            throw error
        } catch let error as SyncCoreError {
            throw ClientError(.refused, error.message, detailCode: error.code.rawValue)
        } catch {
            throw ClientError.storage(error)
        }
    }

    /// Sets fields of a record (creating it when new).
    @discardableResult
    public func write(collection: String, id: String, values: [String: JSONValue],
                      enforcingRules: Bool = true) throws(ClientError) -> RecordState {
        try change(collection: collection, id: id, enforcingRules: enforcingRules) { state, replica, time in
            try state.write(values, by: replica, at: time)
        }
    }

    /// Runs several writes in one transaction: all of them are stored, or none.
    public func transaction<T>(_ body: () throws(ClientError) -> T) throws(ClientError) -> T {
        do {
            return try store.connection.transaction(.immediate) { () throws -> T in try body() }
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError.storage(error)
        }
    }

    /// The stored state of a record, `nil` when unknown.
    public func state(collection: String, id: String) throws(ClientError) -> RecordState? {
        do { return try store.state(collection: collection, id: id) } catch { throw ClientError.storage(error) }
    }

    /// A fresh reading of the device's hybrid logical clock, persisted so readings stay
    /// monotone across runs even when the laptop's clock is set back.
    func nextTimestamp() throws -> HybridTimestamp {
        var clock = HybridClock(last: try storedClock())
        let reading = clock.now(wallMillis: wallClock())
        try store.setCheckpoint(Key.clock, "\(reading.wallMillis).\(reading.logical)")
        return reading
    }

    /// The most a remote time may be ahead of this laptop's clock and still be observed,
    /// in ms. Default 86 400 000 (24 h), the server's default `maxClockSkew`.
    static let maximumObservedSkewMillis: Int64 = 24 * 3600 * 1000

    /// Moves the persisted clock past `time` (a timestamp seen from the server), unless the
    /// time lies beyond the bound (`maximumObservedSkewMillis`): one bogus future stamp
    /// must not push every later local write past it.
    func observe(_ time: HybridTimestamp) throws {
        var clock = HybridClock(last: try storedClock())
        guard clock.observe(time, wallMillis: wallClock(), maxAheadMillis: Self.maximumObservedSkewMillis) else { return }
        try store.setCheckpoint(Key.clock, "\(clock.last.wallMillis).\(clock.last.logical)")
    }

    func storedClock() throws -> HybridTimestamp {
        guard let text = try store.checkpoint(Key.clock) else { return .zero }
        // Read at every local write: split at the one dot without building an array of parts.
        let utf8 = text.utf8
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")),
              let millis = Int64(Substring(utf8[..<dot])),
              let logical = UInt32(Substring(utf8[utf8.index(after: dot)...])) else { return .zero }
        return HybridTimestamp(wallMillis: millis, logical: logical)
    }
}

extension ClientError {
    /// A storage failure, keeping the store's stable code (never record contents).
    static func storage(_ error: any Error) -> ClientError {
        if let error = error as? ReplicaStoreError {
            return ClientError(.storageError, "the local replica failed (\(error.code.rawValue))", detailCode: error.sqliteCode)
        }
        if let error = error as? ClientError { return error }
        // Writes run in SQLite transactions that throw SQLiteError directly; its stable code
        // (`full`, `readonly`, `io`, …) is what tells a full disk from a read-only one.
        if let error = error as? SQLiteError {
            return ClientError(.storageError, "the local replica failed (\(error.code))", detailCode: error.code)
        }
        return ClientError(.storageError, "the local replica failed (\(String(describing: type(of: error))))")
    }
}
