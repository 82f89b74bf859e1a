import Foundation
import SQLite
import SyncProtocol

extension RecordsOffice {
    /// One line of the audit trail: who did what to which device or record, by ids only.
    public struct AuditEntry: Sendable, Equatable {
        public var atMillis: Int64
        public var actor: String
        public var action: String
        public var subject: String
    }

    /// The audited actions.
    public enum AuditAction: String, Sendable, CaseIterable {
        case deviceAdd = "device_add"
        case deviceRevoke = "device_revoke"
        case deviceRevokeWipe = "device_revoke_wipe"
        /// The revoked device reported its wipe (the actor is the device).
        case deviceWipeConfirmed = "device_wipe_confirmed"
        case conflictResolve = "conflict_resolve"
        case participantErase = "participant_erase"
        /// A one-time login link opened a dashboard session.
        case dashboardLogin = "dashboard_login"
        /// Reported by a device (the actor), done offline: see `DeviceAuditAction`.
        case paymentListExport = "payment_list_export"
        case attendanceReportExport = "attendance_report_export"
        case replicaExport = "replica_export"
    }

    /// Records what a device reports it did offline (PROTOCOL.md §13a), with the device as
    /// the actor and the time it gives (never later than the server's clock allows for
    /// entries). An event already recorded under its id is not recorded again.
    /// - Returns: how many events were new.
    public func recordDeviceEvents(_ events: [DeviceAuditEvent], from device: Device) throws(SyncServerError) -> Int {
        try locked {
            try store.connection.transaction(.immediate) {
                let latest = clock() + configuration.maxClockSkew * 1000
                var recorded = 0
                for event in events {
                    try store.connection.execute("""
                        INSERT OR IGNORE INTO audit (at, actor, action, subject, event) VALUES (?, ?, ?, ?, ?)
                        """, [.integer(min(event.atMillis, latest)), .text(device.id), .text(event.action.rawValue),
                              .text(event.subject), .text(event.id)])
                    recorded += store.connection.changes
                }
                return recorded
            }
        }
    }

    /// The audit trail, oldest first.
    public func auditTrail() throws(SyncServerError) -> [AuditEntry] {
        try locked {
            try store.connection.query("SELECT at, actor, action, subject FROM audit ORDER BY seq") {
                AuditEntry(atMillis: try $0.int64(at: 0), actor: try $0.text(at: 1), action: try $0.text(at: 2),
                           subject: try $0.text(at: 3))
            }
        }
    }
}

extension ServerRoom {
    /// Appends to the audit trail, inside the caller's transaction (and lock): every room
    /// that changes devices or records audits through here.
    func audit(_ action: RecordsOffice.AuditAction, subject: String, actor: String = "admin") throws {
        try store.connection.execute("INSERT INTO audit (at, actor, action, subject) VALUES (?, ?, ?, ?)",
                                     [.integer(clock()), .text(actor), .text(action.rawValue), .text(subject)])
    }
}
