import AdminDashboard
import Messages
import ReplicaStore
import SQLite
import SyncCore

/// What the admin dashboard's overview and `/metrics` read: counts from the partial
/// conflict and review indexes, devices and their last syncs, daily activity. A room of
/// the shared `ServerStore`.
public struct StatusBoard: ServerRoom, Sendable {
    /// The shared store.
    public let server: ServerStore

    /// The room of `server` (also `server.statusBoard`).
    public init(_ server: ServerStore) { self.server = server }
}

extension StatusBoard {
    /// Conflict and review counts, the oldest of each, and devices that have not synced
    /// since `staleBeforeMillis`.
    public func dashboardOverview(staleBeforeMillis: Int64) throws(SyncServerError) -> DashboardOverview {
        try locked {
            let counts = try store.conflictCounts()
            let oldest = try store.oldestConflictTimes()
            let active = try store.connection.query("\(DeviceRegistry.deviceColumns) WHERE revoked_at IS NULL ORDER BY created, id") {
                try DeviceRegistry.device(from: $0)
            }
            let stale = active.filter { max($0.lastPush ?? 0, $0.lastPull ?? 0) < staleBeforeMillis }
            return DashboardOverview(openConflicts: counts.conflicts, reviewFlags: counts.reviewFlags,
                                     oldestConflictMillis: oldest.conflict, oldestReviewFlagMillis: oldest.reviewFlag,
                                     staleDevices: stale.map(\.dashboardDevice), activeDevices: active.count)
        }
    }

    /// Daily push, pull and conflict counts for `days` (`YYYY-MM-DD`, Stockholm); days
    /// without activity are absent.
    public func activity(days: [String]) throws(SyncServerError) -> [ActivityDay] {
        guard let first = days.min(), let last = days.max() else { return [] }
        return try locked {
            try store.connection.query("SELECT day, pushes, pulls, conflicts FROM sync_day WHERE day >= ? AND day <= ? ORDER BY day",
                                       [.text(first), .text(last)]) {
                ActivityDay(day: try $0.text(at: 0), pushes: Int(try $0.int64(at: 1)), pulls: Int(try $0.int64(at: 2)),
                            conflicts: Int(try $0.int64(at: 3)))
            }
        }
    }

    /// The municipalities of active devices, sorted: what the municipality filter offers.
    public func dashboardMunicipalities() throws(SyncServerError) -> [String] {
        try locked {
            let lists = try store.connection.query("SELECT municipalities FROM device WHERE revoked_at IS NULL") { try $0.text(at: 0) }
            return Set(lists.flatMap { $0.split(separator: "\n").map(String.init) }).sorted()
        }
    }

}

extension Device {
    /// The device as the dashboard lists it.
    public var dashboardDevice: DashboardDevice {
        DashboardDevice(id: id, name: name, role: role, municipalities: municipalities, lastPushMillis: lastPush,
                        lastPullMillis: lastPull, revoked: revokedAt != nil, enrolled: enrolled,
                        pendingConflicts: pendingConflicts, wipePending: wipeRequested != nil && wipeConfirmed == nil,
                        wipedRecords: wipeConfirmed == nil ? nil : wipedRecords ?? 0)
    }
}
