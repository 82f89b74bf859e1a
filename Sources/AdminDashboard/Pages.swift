import HTTPServer
import Messages
import WebPage

/// The dashboard's pages. Each returns a whole response; every value that comes from
/// records, devices or the request is passed through `HTML.escape`.
enum Pages {
    typealias Context = AdminDashboard.Context

    /// A page with a heading and one paragraph, e.g. "not found" or "forbidden".
    static func message(_ context: Context, status: HTTPStatus, titleKey: MessageKey, textKey: MessageKey,
                        section: Layout.Section = .none, suggestions: [String] = []) -> HTTPResponse {
        let l = context.l
        var body = "<p>\(HTML.escape(l[textKey]))</p>"
        if !suggestions.isEmpty {
            body += "<p>\(HTML.escape(l["dashboard.error.did_you_mean", ["names": suggestions.joined(separator: ", ")]]))</p>"
        }
        if context.session != nil { body += "<p><a href=\"/admin\">\(HTML.escape(l["dashboard.back_to_overview"]))</a></p>" }
        var response = Layout.page(context, title: HTML.escape(l[titleKey]), section: section, status: status, body: body)
        response.logFields["admin_page"] = textKey.rawValue
        return response
    }

    /// The page for a failure of the data source: its catalogue text when there is one,
    /// otherwise a general message. The developer message is never shown (nor logged here).
    static func failure(_ context: Context, _ error: DashboardError) -> HTTPResponse {
        let key = MessageKey("dashboard.error.\(error.code)")
        let known = context.l[key] != key.rawValue
        let status: HTTPStatus = switch error.code {
        case "not_found": .notFound
        case "storage_error": .internalServerError
        default: known ? .badRequest : .internalServerError
        }
        var response = message(context, status: status, titleKey: "dashboard.error.title",
                               textKey: known ? key : "dashboard.error.general", suggestions: error.suggestions)
        response.logFields["error"] = error.code
        return response
    }

    /// Where people land without a session: how to get a login link.
    static func loginNotice(_ context: Context) -> HTTPResponse {
        let l = context.l
        var body = ""
        if context.request.query["done"] == "logged_out" {
            body += Layout.notice(HTML.escape(l["dashboard.login.logged_out"]))
        }
        body += "<p>\(HTML.escape(l["dashboard.login.notice"]))</p>"
        body += "<pre><code>forum-server admin login-link</code></pre>"
        body += "<p class=\"muted\">\(HTML.escape(l["dashboard.login.notice_detail"]))</p>"
        return Layout.page(context, title: HTML.escape(l["dashboard.login.title"]), section: .none, body: body)
    }

    /// A login link that cannot be used: expired, already used or unknown.
    static func loginFailed(_ context: Context, _ status: LoginTokenStatus) -> HTTPResponse {
        let l = context.l
        let key = MessageKey("dashboard.login.\(status == .valid ? "unknown" : status.rawValue)")
        let body = Layout.notice(HTML.escape(l[key]), error: true)
            + "<p>\(HTML.escape(l["dashboard.login.notice"]))</p><pre><code>forum-server admin login-link</code></pre>"
        var response = Layout.page(context, title: HTML.escape(l["dashboard.login.failed_title"]), section: .none,
                                   status: .forbidden, body: body)
        response.logFields["admin"] = "login_\(status.rawValue)"
        return response
    }
}
