import Foundation
import ReplicaStore
import SQLite
import SyncCore

extension SyncLedger {
    /// What one tombstone purge did (PROTOCOL.md §14d).
    public struct TombstonePurge: Sendable, Equatable {
        /// Tombstones removed by this run.
        public var purged: Int
        /// Tombstones past the horizon kept because an active device has not pulled past
        /// them yet.
        public var waiting: Int
        /// The purge watermark after the run: the highest change sequence of any tombstone
        /// ever purged. A device whose cursor is below it resyncs from the beginning.
        public var watermark: Int64
    }

    static let watermarkKey = "server.tombstone_watermark"
    static let epochKey = "server.tombstone_epoch"

    /// The purge watermark (0 before the first purge).
    func tombstoneWatermark() throws -> Int64 {
        try store.checkpoint(Self.watermarkKey).flatMap { Int64($0) } ?? 0
    }

    /// The purges so far: how many purged anything (the epoch) and the watermark.
    func tombstonePurges() throws -> (epoch: Int64, watermark: Int64) {
        (try store.checkpoint(Self.epochKey).flatMap { Int64($0) } ?? 0, try tombstoneWatermark())
    }

    /// Removes tombstones (deleted records with no conflict) whose last change is older
    /// than the horizon and that every active device has pulled past: their state, tags,
    /// forget rows and acknowledgement shadow. A device is active when it is enrolled, not
    /// revoked, and was heard from (enrolled, pushed or pulled) within the horizon; one
    /// that was not is not waited for, and is told to resync at its next contact
    /// (`resync_required`). Nothing else is removed: a tombstone in conflict (a delete
    /// against a concurrent update) stays until it is resolved.
    ///
    /// - Parameter horizonDays: overrides `configuration.tombstoneHorizonDays`; 0 purges
    ///   every tombstone that every device active right now has pulled past.
    /// - Returns: what was purged; nothing when no horizon is configured.
    @discardableResult
    public func purgeTombstones(horizonDays: Int? = nil) throws(SyncServerError) -> TombstonePurge {
        guard let days = horizonDays ?? configuration.tombstoneHorizonDays else {
            return TombstonePurge(purged: 0, waiting: 0, watermark: (try? locked { try tombstoneWatermark() }) ?? 0)
        }
        let purged: (report: TombstonePurge, keys: [ReplicaStore.Tombstone]) = try locked {
            try store.connection.transaction(.immediate) {
                let now = clock()
                let horizon = now - Int64(days) * 86_400_000
                // Every active device's pull position; one that never pulled holds at 0.
                let positions = try store.connection.query("""
                    SELECT COALESCE(pulled_through, 0) FROM device
                    WHERE token_hash IS NOT NULL AND revoked_at IS NULL
                      AND MAX(created, COALESCE(last_push, 0), COALESCE(last_pull, 0)) >= ?
                    """, [.integer(horizon)]) { try $0.int64(at: 0) }
                let bound = try positions.min() ?? store.lastSequence()
                let old = try store.tombstones(changedBefore: horizon, limit: 1_000_000)
                var ready: [ReplicaStore.Tombstone] = []
                for tombstone in old where tombstone.sequence <= bound {
                    if try server.purgeTombstone(collection: tombstone.collection, id: tombstone.id) { ready.append(tombstone) }
                }
                var (epoch, watermark) = try tombstonePurges()
                if let highest = ready.map(\.sequence).max() {
                    watermark = max(watermark, highest)
                    epoch += 1
                    try store.setCheckpoint(Self.watermarkKey, String(watermark))
                    try store.setCheckpoint(Self.epochKey, String(epoch))
                }
                return (TombstonePurge(purged: ready.count, waiting: old.count(where: { $0.sequence > bound }), watermark: watermark), ready)
            }
        }
        guard purged.report.purged > 0 else { return purged.report }
        // After the database committed: a shadow left by a crash in between is only read
        // after a restore, and a purged tombstone's shadow admits nothing a device invents.
        try locked {
            for key in purged.keys { try ledger.forget(collection: key.collection, id: key.id) }
            // secure_delete overwrote the freed pages; the WAL still holds them until now.
            try store.checkpointAndTruncate()
        }
        return purged.report
    }

    /// Refuses a device that may hold records whose tombstones were purged since it last
    /// pulled (PROTOCOL.md §14d): it must pull from the beginning first. A pull is behind
    /// when its cursor is below the watermark and was issued before the latest purge (a walk
    /// from the beginning begun since goes on); a push, when the device's last pull is below
    /// the watermark. Inside the caller's lock.
    func requireCurrent(_ device: Device, cursor: CursorPosition? = nil, purges: (epoch: Int64, watermark: Int64)? = nil) throws {
        let (epoch, watermark) = try purges ?? tombstonePurges()
        guard watermark > 0 else { return }
        let current: Bool
        if let cursor {
            current = cursor.sequence == 0 || cursor.epoch == epoch || cursor.sequence >= watermark
        } else {
            let position = try store.connection.queryOne("SELECT COALESCE(pulled_through, 0) FROM device WHERE id = ?",
                                                         [.text(device.id)]) { try $0.int64(at: 0) } ?? 0
            current = position >= watermark
        }
        guard current else {
            throw SyncServerError(.resyncRequired,
                                  "Deleted records this device may still hold were purged since its last pull; pull from the beginning.")
        }
    }
}
