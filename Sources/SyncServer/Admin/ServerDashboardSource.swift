import ForumModel
import AdminDashboard
import Messages
import SyncCore

/// The admin dashboard's data from the server's database: what `forum-server serve`
/// passes to `AdminDashboard`. Record values arrive redacted by the policy's admin view.
public struct ServerDashboardSource: DashboardDataSource {
    /// The database read and written.
    public let database: ServerStore

    /// Creates the source.
    public init(database: ServerStore) { self.database = database }

    public var roles: [String] { database.policy.roles }

    public func overview(staleBeforeMillis: Int64) throws(DashboardError) -> DashboardOverview {
        try mapped { () throws(SyncServerError) in try database.statusBoard.dashboardOverview(staleBeforeMillis: staleBeforeMillis) }
    }

    public func activity(days: [String]) throws(DashboardError) -> [ActivityDay] {
        try mapped { () throws(SyncServerError) in try database.statusBoard.activity(days: days) }
    }

    public func conflicts(_ query: ConflictQuery, language: Language) throws(DashboardError) -> ConflictPage {
        try mapped { () throws(SyncServerError) in try database.conflictDesk.conflicts(query, language: language) }
    }

    public func conflictFilterOptions() throws(DashboardError) -> ConflictFilterOptions {
        let municipalities = try mapped { () throws(SyncServerError) in try database.statusBoard.dashboardMunicipalities() }
        return ConflictFilterOptions(collections: database.policy.collections.sorted(), municipalities: municipalities)
    }

    public func conflict(_ conflictID: String, language: Language) throws(DashboardError) -> ConflictDetail? {
        try mapped { () throws(SyncServerError) in try database.conflictDesk.conflict(conflictID, language: language) }
    }

    public func resolve(_ conflictID: String, field: String, _ resolution: DashboardResolution) throws(DashboardError) {
        let serverResolution: ConflictDesk.Resolution
        switch resolution {
        case .keep(let valueID): serverResolution = .keep(valueID)
        case .newValue(let text): serverResolution = .text(text)
        }
        try mapped { () throws(SyncServerError) in try database.conflictDesk.resolve(conflictID, field: field, serverResolution) }
    }

    public func devices() throws(DashboardError) -> [DashboardDevice] {
        try mapped { () throws(SyncServerError) in try database.deviceRegistry.devices().map(\.dashboardDevice) }
    }

    public func enrolDevice(name: String, role: String, municipalities: [String]) throws(DashboardError) -> EnrolledDevice {
        let added = try mapped { () throws(SyncServerError) in
            try database.deviceRegistry.addDevice(name: name, role: role, municipalities: municipalities)
        }
        return EnrolledDevice(device: added.device.dashboardDevice, code: added.code, expiresMillis: added.expires)
    }

    public func auditTrail() throws(DashboardError) -> [DashboardAuditEntry] {
        try mapped { () throws(SyncServerError) in
            try database.recordsOffice.auditTrail().reversed().map {
                DashboardAuditEntry(atMillis: $0.atMillis, actor: $0.actor, action: $0.action, subject: $0.subject)
            }
        }
    }

    public func revokeDevice(id: String, wipe: Bool) throws(DashboardError) {
        try mapped { () throws(SyncServerError) in try database.deviceRegistry.revokeDevice(id: id, wipe: wipe) }
    }

    public func consumeLoginToken(hash tokenHash: String, nowMillis: Int64) throws(DashboardError) -> LoginTokenStatus {
        try mapped { () throws(SyncServerError) in try database.deviceRegistry.consumeLoginToken(hash: tokenHash, nowMillis: nowMillis) }
    }

    /// Runs `body`, turning a server error into the dashboard's (same code and message).
    private func mapped<T>(_ body: () throws(SyncServerError) -> T) throws(DashboardError) -> T {
        do { return try body() } catch {
            throw DashboardError(code: error.code, message: error.message,
                                 suggestions: error.extra["suggestions"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }
}
