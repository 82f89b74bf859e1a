import Foundation
import HTTPServer
import Messages
import WebPage

/// The frame of every page: document head with the inline style sheet, the header with
/// navigation and the logout button, and the main region.
enum Layout {
    /// The sections of the navigation.
    enum Section { case overview, conflicts, devices, audit, none }

    /// A whole page as a response.
    /// - Parameters:
    ///   - context: the request.
    ///   - title: the page title, already escaped.
    ///   - section: the navigation entry marked current.
    ///   - status: the response status.
    ///   - body: the content of `main` after the `h1`, already escaped.
    static func page(_ context: AdminDashboard.Context, title: String, section: Section, status: HTTPStatus = .ok,
                     body: String) -> HTTPResponse {
        let l = context.l
        var html = PageDocument.start(language: l.language.rawValue, title: "\(title) – \(HTML.escape(l["dashboard.product"]))",
                                      css: Style.css, skip: HTML.escape(l["dashboard.skip"])) + """
            <header>
            <p class="brand">\(HTML.escape(l["dashboard.product"]))</p>

            """
        if let session = context.session {
            html += "<nav aria-label=\"\(HTML.escape(l["dashboard.nav.label"]))\"><ul>"
            for (target, path, key) in [(Section.overview, "/admin", "dashboard.nav.overview"),
                                        (.conflicts, "/admin/conflicts", "dashboard.nav.conflicts"),
                                        (.devices, "/admin/devices", "dashboard.nav.devices"),
                                        (.audit, "/admin/audit", "dashboard.nav.audit")] {
                let current = target == section ? " aria-current=\"page\"" : ""
                html += "<li><a href=\"\(path)\"\(current)>\(HTML.escape(l[MessageKey(key)]))</a></li>"
            }
            html += "</ul></nav>\n"
            html += "<form method=\"post\" action=\"/admin/logout\" class=\"logout\">\(csrfField(session))"
                + "<button type=\"submit\">\(HTML.escape(l["dashboard.logout"]))</button></form>\n"
        }
        html += "</header>\n<main id=\"main\">\n<h1>\(title)</h1>\n\(body)\n</main>\n</body>\n</html>\n"
        return .html(status, html)
    }

    /// The hidden CSRF field every POST form carries.
    static func csrfField(_ session: SessionStore.Session) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(session.csrfToken))\">"
    }

    /// A notice paragraph (`role=status`) or an error (`role=alert`), text already escaped.
    static func notice(_ text: String, error: Bool = false) -> String {
        error ? "<p class=\"notice error\" role=\"alert\">\(text)</p>" : "<p class=\"notice\" role=\"status\">\(text)</p>"
    }
}
