import Foundation
import ReplicaStore
import SyncCore

/// What a resync from the beginning did to records the server no longer sent (§14d).
public struct ResyncSweep: Sendable, Equatable {
    /// Synced records removed: their tombstones were purged on the server, or they left
    /// this device's scope while it was away.
    public var removed = 0
    /// Unsynced changes to records the server no longer holds, kept as this device's own
    /// new writes, to be pushed.
    public var kept = 0

    public init(removed: Int = 0, kept: Int = 0) {
        self.removed = removed
        self.kept = kept
    }
}

extension LocalReplica {
    /// The tombstone horizon the server last announced (PROTOCOL.md §14d), `nil` when none.
    public func tombstoneDays() throws(ClientError) -> Int? { try days(at: Key.tombstones) }

    func setTombstoneDays(_ days: Int?) throws(ClientError) { try setDays(days, at: Key.tombstones) }

    /// Removes tombstones (deleted records with no conflict and nothing pending) that
    /// changed here more than the announced horizon ago. Not a delete: nothing syncs.
    /// - Returns: how many were removed.
    @discardableResult
    public func purgeTombstones(now: Date = Date()) throws(ClientError) -> Int {
        guard let days = try tombstoneDays() else { return 0 }
        let horizon = Int64((now.timeIntervalSince1970 - Double(days) * 86_400) * 1000)
        do {
            return try store.transaction {
                let old = try store.tombstones(changedBefore: horizon, limit: 1_000_000)
                for tombstone in old { try store.purge(collection: tombstone.collection, id: tombstone.id) }
                return old.count
            }
        } catch { throw ClientError.storage(error) }
    }

    /// Whether a resync from the beginning is under way (asked for by the server's
    /// `resync_required`, not finished yet).
    public func isResyncing() throws(ClientError) -> Bool {
        do { return try store.checkpoint(Key.resync) != nil } catch { throw ClientError.storage(error) }
    }

    /// Starts a resync from the beginning: drops the pull cursor and notes the resync, in
    /// one transaction, so an interrupted resync starts over at the next sync.
    func beginResync() throws(ClientError) {
        do {
            try store.transaction {
                try store.setCheckpoint(Key.resync, "1")
                try store.removeCheckpoint(Key.cursor)
            }
        } catch { throw ClientError.storage(error) }
    }

    /// Ends a resync without sweeping (the server turned out restored: its own recovery,
    /// which re-offers every record as it is, takes over; §14a).
    func abandonResync() throws(ClientError) {
        do { try store.removeCheckpoint(Key.resync) } catch { throw ClientError.storage(error) }
    }

    /// Finishes a resync once every page from the beginning is stored: every record held
    /// that the server did not send (`received`, as `collection/id`) is one it no longer
    /// holds for this device. A synced one goes (nothing is resurrected); an unsynced
    /// change stays (nothing is lost): as it is when it holds only this device's writes,
    /// else its shown values are written again as this device's own new write, since the
    /// server could not take writes of others it no longer knows. A deleted one goes.
    func finishResync(received: Set<String>) throws(ClientError) -> ResyncSweep {
        do {
            let sweep = try store.transaction { () throws -> ResyncSweep in
                var sweep = ResyncSweep()
                for key in try store.allKeys() where !received.contains(key.collection + "/" + key.id) {
                    guard key.pending, let state = try store.state(collection: key.collection, id: key.id), !state.isDeleted else {
                        try store.purge(collection: key.collection, id: key.id)
                        sweep.removed += 1
                        continue
                    }
                    guard state.context.sorted.contains(where: { $0.replica != replica }) else { continue }
                    let values = state.visibleValues.filter { !$0.key.hasPrefix("_") }
                    guard !values.isEmpty else {
                        try store.purge(collection: key.collection, id: key.id)
                        sweep.removed += 1
                        continue
                    }
                    var fresh = try RecordState(collection: key.collection, id: key.id,
                                                context: VersionVector([replica: state.context[replica]]), fields: [:])
                    try fresh.write(values, by: replica, at: try nextTimestamp())
                    try store.save(fresh, markPending: true)
                    sweep.kept += 1
                }
                try store.removeCheckpoint(Key.resync)
                return sweep
            }
            if sweep.removed > 0 { try store.checkpointAndTruncate() }
            return sweep
        } catch { throw ClientError.storage(error) }
    }

    /// Drops local tombstones that a pulled state no longer knows the delete of: the
    /// server purged its tombstone and holds the record anew (§14d). Such a tombstone was
    /// synced, so the server knew its delete; only a purge makes it forget it (after a
    /// restore every record is pending, and pending ones are left alone). Inside the
    /// caller's transaction.
    func dropTombstonesUnknownTo(_ records: [RecordState]) throws {
        let tombstones = try store.syncedTombstoneKeys(among: records)
        guard !tombstones.isEmpty else { return }
        for record in records where tombstones.contains(record.collection + "/" + record.id) {
            guard let held = try store.state(collection: record.collection, id: record.id),
                  held.isForgottenDelete(by: record) else { continue }
            try store.purge(collection: record.collection, id: record.id)
        }
    }
}
