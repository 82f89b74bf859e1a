import HTTPServer
import Messages
import WebPage

extension Pages {
    /// `GET /admin/devices` (and the answer to the enrol form): every device with its last
    /// push and pull, how long it has been unsynced and its open conflicts; the enrol form.
    /// - Parameters:
    ///   - enrolled: a device just added, whose one-time code is shown this once.
    ///   - problem: why the enrol form was refused.
    static func devices(_ context: Context, _ source: any DashboardDataSource, enrolled: EnrolledDevice?,
                        problem: MessageKey?) throws(DashboardError) -> HTTPResponse {
        let l = context.l
        guard let session = context.session else {
            return message(context, status: .forbidden, titleKey: "dashboard.error.title", textKey: "dashboard.error.general")
        }
        let devices = try source.devices()
        var body = ""
        if context.request.query["done"] == "revoked" { body += Layout.notice(HTML.escape(l["dashboard.devices.revoked"])) }
        if let enrolled {
            body += "<section class=\"notice\" role=\"status\" aria-labelledby=\"code-heading\"><h2 id=\"code-heading\">"
                + HTML.escape(l["dashboard.enrol.done", ["name": enrolled.device.name]]) + "</h2>"
                + "<p class=\"code\">\(HTML.escape(enrolled.code))</p>"
                + "<p>\(HTML.escape(l["dashboard.enrol.code_once", ["expires": Format.time(enrolled.expiresMillis, l)]]))</p></section>"
        }
        if devices.isEmpty {
            body += "<p>\(HTML.escape(l["dashboard.devices.none"]))</p>"
        } else {
            body += "<table class=\"responsive\"><thead><tr>"
            for key in ["dashboard.device.name", "dashboard.device.role", "dashboard.device.municipalities",
                        "dashboard.device.last_push", "dashboard.device.last_pull", "dashboard.device.unsynced",
                        "dashboard.device.conflicts", "dashboard.device.status", "dashboard.device.actions"] {
                body += "<th scope=\"col\">\(HTML.escape(l[MessageKey(key)]))</th>"
            }
            body += "</tr></thead><tbody>"
            for device in devices {
                let status: MessageKey = device.wipedRecords != nil ? "dashboard.device.wiped"
                    : device.wipePending ? "dashboard.device.wipe_pending"
                    : device.revoked ? "dashboard.device.revoked"
                    : device.enrolled ? "dashboard.device.active" : "dashboard.device.waiting"
                body += "<tr><th scope=\"row\">\(HTML.escape(device.name))<br><span class=\"muted\">\(HTML.escape(device.id))</span></th>"
                    + "<td>\(HTML.escape(roleName(device.role, l)))</td>"
                    + "<td>\(HTML.escape(device.municipalities.joined(separator: ", ")))</td>"
                    + "<td>\(HTML.escape(Format.time(device.lastPushMillis, l)))</td>"
                    + "<td>\(HTML.escape(Format.time(device.lastPullMillis, l)))</td>"
                    + "<td>\(HTML.escape(Format.age(since: device.lastSyncMillis, now: context.nowMillis, l)))</td>"
                    + "<td class=\"num\">\(device.pendingConflicts)</td><td>\(HTML.escape(l[status, ["count": String(device.wipedRecords ?? 0)]]))</td><td>"
                if !device.revoked {
                    body += "<a href=\"/admin/devices/\(HTML.urlComponent(device.id))/revoke\">"
                        + "\(HTML.escape(l["dashboard.device.revoke"]))<span class=\"skip\"> \(HTML.escape(device.name))</span></a>"
                }
                body += "</td></tr>"
            }
            body += "</tbody></table>"
        }

        body += "<section aria-labelledby=\"enrol\"><h2 id=\"enrol\">\(HTML.escape(l["dashboard.enrol.title"]))</h2>"
        if let problem { body += Layout.notice(HTML.escape(l[problem]), error: true) }
        body += "<form method=\"post\" action=\"/admin/devices\">\(Layout.csrfField(session))"
            + "<div class=\"field\"><label for=\"d-name\">\(HTML.escape(l["dashboard.enrol.name"]))</label>"
            + "<input type=\"text\" id=\"d-name\" name=\"name\" required maxlength=\"200\"></div>"
            + "<div class=\"field\"><label for=\"d-role\">\(HTML.escape(l["dashboard.device.role"]))</label><select id=\"d-role\" name=\"role\">"
        for role in source.roles {
            body += "<option value=\"\(HTML.escape(role))\">\(HTML.escape(roleName(role, l)))</option>"
        }
        body += "</select></div><div class=\"field\"><label for=\"d-municipalities\">\(HTML.escape(l["dashboard.enrol.municipalities"]))</label>"
            + "<input type=\"text\" id=\"d-municipalities\" name=\"municipalities\" required maxlength=\"1000\" "
            + "aria-describedby=\"d-municipalities-hint\"><span id=\"d-municipalities-hint\" class=\"muted\">"
            + "\(HTML.escape(l["dashboard.enrol.municipalities_hint"]))</span></div>"
            + "<button type=\"submit\">\(HTML.escape(l["dashboard.enrol.submit"]))</button></form></section>"
        return Layout.page(context, title: HTML.escape(l["dashboard.devices.title"]), section: .devices,
                           status: problem == nil ? .ok : .unprocessableContent, body: body)
    }

    /// `GET /admin/devices/{id}/revoke`: asks before revoking, since it cannot be undone.
    static func revokeConfirmation(_ context: Context, _ source: any DashboardDataSource,
                                   deviceID: String) throws(DashboardError) -> HTTPResponse {
        let l = context.l
        guard let session = context.session, let device = try source.devices().first(where: { $0.id == deviceID }),
              !device.revoked else {
            return message(context, status: .notFound, titleKey: "dashboard.error.not_found_title",
                           textKey: "dashboard.devices.not_found", section: .devices)
        }
        let body = "<p>\(HTML.escape(l["dashboard.revoke.question", ["name": device.name, "id": device.id]]))</p>"
            + "<p>\(HTML.escape(l["dashboard.revoke.consequence"]))</p>"
            + "<form method=\"post\" action=\"/admin/devices/\(HTML.urlComponent(device.id))/revoke\">\(Layout.csrfField(session))"
            + "<p><input type=\"checkbox\" id=\"wipe\" name=\"wipe\" value=\"yes\"> "
            + "<label for=\"wipe\">\(HTML.escape(l["dashboard.revoke.wipe"]))</label></p>"
            + "<button type=\"submit\" class=\"danger\">\(HTML.escape(l["dashboard.revoke.confirm"]))</button> "
            + "<a class=\"button secondary\" href=\"/admin/devices\">\(HTML.escape(l["dashboard.revoke.cancel"]))</a></form>"
        return Layout.page(context, title: HTML.escape(l["dashboard.revoke.title"]), section: .devices, body: body)
    }
}
