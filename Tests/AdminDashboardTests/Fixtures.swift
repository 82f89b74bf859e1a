import AdminDashboard

enum Fixtures {
    static func device(_ id: String, name: String, role: String = "facilitator", lastSync: Int64? = nil,
                       revoked: Bool = false) -> DashboardDevice {
        DashboardDevice(id: id, name: name, role: role, municipalities: ["Malmö"], lastPushMillis: lastSync,
                        lastPullMillis: lastSync, revoked: revoked, enrolled: true, pendingConflicts: 1)
    }
}
