import HTTPServer
import Messages
import WebPage

extension Pages {
    /// `GET /admin/audit`: the audit trail, newest first, by ids only (never field values).
    static func audit(_ context: Context, _ source: any DashboardDataSource) throws(DashboardError) -> HTTPResponse {
        let l = context.l
        let entries = try source.auditTrail()
        var body = "<p>\(HTML.escape(l["dashboard.audit.intro"]))</p>"
        if entries.isEmpty {
            body += "<p>\(HTML.escape(l["dashboard.audit.none"]))</p>"
        } else {
            body += "<table class=\"responsive\"><thead><tr>"
            for key in ["dashboard.audit.time", "dashboard.audit.actor", "dashboard.audit.action", "dashboard.audit.subject"] {
                body += "<th scope=\"col\">\(HTML.escape(l[MessageKey(key)]))</th>"
            }
            body += "</tr></thead><tbody>"
            for entry in entries {
                body += "<tr><td>\(HTML.escape(Format.time(entry.atMillis, l)))</td>"
                    + "<td>\(HTML.escape(entry.actor == "admin" ? l["dashboard.audit.admin"] : entry.actor))</td>"
                    + "<td>\(HTML.escape(l[MessageKey("dashboard.audit.action.\(entry.action)")]))</td>"
                    + "<td>\(HTML.escape(entry.subject))</td></tr>"
            }
            body += "</tbody></table>"
        }
        return Layout.page(context, title: HTML.escape(l["dashboard.audit.title"]), section: .audit, body: body)
    }
}
