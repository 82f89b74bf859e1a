import ReplicaStore
import SQLite

extension StatusBoard {
    /// Gauges read from the database for `/metrics`.
    struct Gauges {
        var openConflicts = 0
        var reviewFlags = 0
        /// Enrolled devices that are not revoked.
        var activeDevices = 0
        /// Devices added whose enrolment code has not been used (and not revoked).
        var pendingDevices = 0
        var revokedDevices = 0
        /// Seconds since each active device last synced (push or pull), by device id.
        var secondsSinceSync: [(device: String, seconds: Int64)] = []
    }

    func gauges() throws(SyncServerError) -> Gauges {
        try locked {
            var gauges = Gauges()
            let counts = try store.conflictCounts()
            gauges.openConflicts = counts.conflicts
            gauges.reviewFlags = counts.reviewFlags
            let now = clock()
            let rows = try store.connection.query("SELECT id, revoked_at IS NOT NULL, MAX(COALESCE(last_push, 0), COALESCE(last_pull, 0)), token_hash IS NOT NULL FROM device ORDER BY id") {
                (try $0.text(at: 0), try $0.int64(at: 1) == 1, try $0.int64(at: 2), try $0.int64(at: 3) == 1)
            }
            for (id, revoked, lastSync, enrolled) in rows {
                if revoked { gauges.revokedDevices += 1; continue }
                // A device that never enrolled holds no token: it is not active.
                guard enrolled else { gauges.pendingDevices += 1; continue }
                gauges.activeDevices += 1
                if lastSync > 0 { gauges.secondsSinceSync.append((id, max(0, (now - lastSync) / 1000))) }
            }
            return gauges
        }
    }
}
