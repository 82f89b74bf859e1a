import HTTPServer
import Messages
import SyncCore
import WebPage

extension AdminDashboard {
    /// `POST /admin/conflicts/{collection}/{id}/resolve`: keeps a chosen value or writes a
    /// new one, then redirects back to the record (Post/Redirect/Get, so reloading the page
    /// does not post twice). A refused resolution shows the record again with the reason.
    func resolve(_ context: Context, conflictID: String, form: FormData) throws(DashboardError) -> HTTPResponse {
        guard let field = form["field"], !field.isEmpty else {
            return try Pages.conflict(context, dataSource, conflictID: conflictID, problem: "dashboard.resolve.no_field")
        }
        let resolution: DashboardResolution
        switch form["choice"] {
        case nil, "":
            return try Pages.conflict(context, dataSource, conflictID: conflictID, problem: "dashboard.resolve.no_choice")
        case "new":
            guard let text = newValueText(form) else {
                return try Pages.conflict(context, dataSource, conflictID: conflictID, problem: "dashboard.resolve.bad_value")
            }
            resolution = .newValue(text: text)
        case let valueID?:
            resolution = .keep(valueID: valueID)
        }
        do {
            try dataSource.resolve(conflictID, field: field, resolution)
        } catch let error where error.code == "unknown_value" || error.code == "invalid_value" {
            return try Pages.conflict(context, dataSource, conflictID: conflictID, problem: MessageKey("dashboard.resolve.\(error.code)"))
        }
        let parts = conflictID.split(separator: "/", maxSplits: 1)
        let path = parts.map { HTML.urlComponent($0) }.joined(separator: "/")
        return Self.redirect("/admin/conflicts/\(path)?done=resolved")
    }

    /// The new value as typed; `nil` when missing or too long. The server reads it as the
    /// field's declared type (an amount as kronor), so a number cannot be stored as text.
    func newValueText(_ form: FormData) -> String? {
        guard let text = form["newValue"], text.utf8.count <= configuration.maxNewValueBytes else { return nil }
        return text
    }

    /// `POST /admin/devices`: adds a device and shows its one-time code on the answer page
    /// itself (never in a redirect URL, so it is in no history or log).
    func enrol(_ context: Context, form: FormData) throws(DashboardError) -> HTTPResponse {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let role = form["role"] ?? ""
        let municipalities = (form["municipalities"] ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !name.isEmpty else { return try Pages.devices(context, dataSource, enrolled: nil, problem: "dashboard.enrol.no_name") }
        guard dataSource.roles.contains(role) else {
            return try Pages.devices(context, dataSource, enrolled: nil, problem: "dashboard.enrol.bad_role")
        }
        guard !municipalities.isEmpty else {
            return try Pages.devices(context, dataSource, enrolled: nil, problem: "dashboard.enrol.no_municipality")
        }
        let enrolled = try dataSource.enrolDevice(name: name, role: role, municipalities: municipalities)
        var response = try Pages.devices(context, dataSource, enrolled: enrolled, problem: nil)
        response.logFields["admin"] = "enrol"
        return response
    }
}
