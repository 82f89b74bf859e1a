import Foundation
import HTTPServer
import Messages
import SyncCore
import WebPage

/// The admin web dashboard, served by the sync server under `/admin`: server-rendered
/// HTML with inline CSS, usable without JavaScript and without internet access.
///
/// ```swift
/// let dashboard = AdminDashboard(dataSource: source, configuration: DashboardConfiguration(publicURL: url))
/// // in the server's handler:
/// if let response = dashboard.handle(request) { return response }
/// ```
///
/// Access: a one-time login link (see `LoginLink`) opens a session (cookie `forum_admin`,
/// HttpOnly, SameSite=Strict, Path=/admin, Secure under https). Without a live session
/// every page except the login pages redirects (303) to the login notice. Every POST must
/// carry the session's CSRF token.
public final class AdminDashboard: Sendable {
    /// Where the data comes from and changes go to.
    public let dataSource: any DashboardDataSource
    /// Limits and lifetimes.
    public let configuration: DashboardConfiguration
    let sessions: SessionStore
    let clock: WallClock

    /// The session cookie's name.
    public static let cookieName = "forum_admin"

    /// Creates the dashboard.
    /// - Parameters:
    ///   - dataSource: the server's data.
    ///   - configuration: limits, lifetimes and the public URL.
    ///   - clock: wall clock in ms since 1970; replaceable in tests (expiry).
    public init(dataSource: any DashboardDataSource, configuration: DashboardConfiguration = DashboardConfiguration(),
                clock: WallClock = .system) {
        self.dataSource = dataSource
        self.configuration = configuration
        self.sessions = SessionStore(configuration: configuration)
        self.clock = clock
    }

    /// Answers a request under `/admin`, or returns `nil` for any other path so the caller
    /// can route it elsewhere. Never throws: failures become error pages.
    ///
    /// - Parameter request: the request.
    /// - Returns: the response with the dashboard's security headers, or `nil`.
    public func handle(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.path == "/admin" || request.path.hasPrefix("/admin/") else { return nil }
        var response = route(request)
        SecurityHeaders.apply(to: &response)
        response.logFields["route"] = response.logFields["route"] ?? "/admin"
        return response
    }

    /// Everything a page needs to know about the request it answers.
    struct Context {
        let request: HTTPRequest
        let l: Localizer
        let nowMillis: Int64
        /// The live session and its cookie; `nil` on the public login pages.
        var session: SessionStore.Session?
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let language = Language.fromAcceptLanguage(request.headers["Accept-Language"], default: .sv)
        let now = clock()
        var context = Context(request: request, l: Localizer(language: language), nowMillis: now, session: nil)
        guard let segments = request.pathSegments, segments.first == "admin" else {
            return Pages.message(context, status: .badRequest, titleKey: "dashboard.error.title",
                                 textKey: "dashboard.error.bad_path")
        }
        let path = Array(segments.dropFirst())
        let isGet = request.method == .get || request.method == .head

        // Public pages: the login link and the notice explaining how to get one.
        switch path {
        case ["login"]:
            guard isGet else { return methodNotAllowed(context, allow: "GET, HEAD") }
            return login(context)
        case ["login-notice"]:
            guard isGet else { return methodNotAllowed(context, allow: "GET, HEAD") }
            return Pages.loginNotice(context)
        default:
            break
        }

        guard let cookie = Self.sessionCookie(in: request.headers),
              let session = sessions.touch(cookie: cookie, nowMillis: now) else {
            return Self.redirect("/admin/login-notice")
        }
        context.session = session

        if request.method == .post {
            // Every state-changing form carries the session's CSRF token.
            guard let form = request.body.count <= configuration.maxFormBytes ? FormData(body: request.body) : nil else {
                return Pages.message(context, status: .badRequest, titleKey: "dashboard.error.title",
                                     textKey: "dashboard.error.bad_form")
            }
            guard CSRF.matches(form["csrf"], session.csrfToken) else {
                return Pages.message(context, status: .forbidden, titleKey: "dashboard.error.title",
                                     textKey: "dashboard.error.csrf")
            }
            return post(path, form: form, cookie: cookie, context)
        }
        guard isGet else { return methodNotAllowed(context, allow: "GET, HEAD, POST") }
        return get(path, context)
    }

    private func get(_ path: [String], _ context: Context) -> HTTPResponse {
        do {
            switch path {
            case [], ["overview"]:
                return try Pages.overview(context, dataSource, configuration)
            case ["conflicts"]:
                return try Pages.conflicts(context, dataSource, configuration)
            case let p where p.count == 3 && p[0] == "conflicts":
                return try Pages.conflict(context, dataSource, conflictID: p[1] + "/" + p[2], problem: nil)
            case ["devices"]:
                return try Pages.devices(context, dataSource, enrolled: nil, problem: nil)
            case ["audit"]:
                return try Pages.audit(context, dataSource)
            case let p where p.count == 3 && p[0] == "devices" && p[2] == "revoke":
                return try Pages.revokeConfirmation(context, dataSource, deviceID: p[1])
            default:
                return Pages.message(context, status: .notFound, titleKey: "dashboard.error.not_found_title",
                                     textKey: "dashboard.error.not_found")
            }
        } catch {
            return Pages.failure(context, error)
        }
    }

    private func post(_ path: [String], form: FormData, cookie: String, _ context: Context) -> HTTPResponse {
        do {
            switch path {
            case ["logout"]:
                sessions.end(cookie: cookie)
                var response = Self.redirect("/admin/login-notice?done=logged_out")
                response.headers.add("Set-Cookie", clearedCookie())
                return response
            case let p where p.count == 4 && p[0] == "conflicts" && p[3] == "resolve":
                return try resolve(context, conflictID: p[1] + "/" + p[2], form: form)
            case ["devices"]:
                return try enrol(context, form: form)
            case let p where p.count == 3 && p[0] == "devices" && p[2] == "revoke":
                try dataSource.revokeDevice(id: p[1], wipe: form["wipe"] == "yes")
                return Self.redirect("/admin/devices?done=revoked")
            default:
                return Pages.message(context, status: .notFound, titleKey: "dashboard.error.not_found_title",
                                     textKey: "dashboard.error.not_found")
            }
        } catch {
            return Pages.failure(context, error)
        }
    }

    private func methodNotAllowed(_ context: Context, allow: String) -> HTTPResponse {
        var response = Pages.message(context, status: .methodNotAllowed, titleKey: "dashboard.error.title",
                                     textKey: "dashboard.error.method")
        response.headers["Allow"] = allow
        return response
    }

    /// A 303 to a path of the dashboard (always a fixed, relative location).
    static func redirect(_ location: String) -> HTTPResponse { PageResponse.redirect(location) }
}
