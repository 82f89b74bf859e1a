import Digest
import HTTPServer
import WebPage

extension AdminDashboard {
    /// `GET /admin/login?token=…`: uses up the link and opens a session, or explains why not.
    func login(_ context: Context) -> HTTPResponse {
        guard let token = context.request.query["token"], token.utf8.count == 64, HexEncoding.decode(token) != nil else {
            return Pages.loginFailed(context, .unknown)
        }
        let status: LoginTokenStatus
        do {
            status = try dataSource.consumeLoginToken(hash: LoginLink.hash(token: token), nowMillis: context.nowMillis)
        } catch {
            return Pages.failure(context, error)
        }
        guard status == .valid else { return Pages.loginFailed(context, status) }
        let (cookie, _) = sessions.create(nowMillis: context.nowMillis)
        var response = Self.redirect("/admin")
        response.headers.add("Set-Cookie", sessionCookie(cookie))
        response.logFields["admin"] = "login"
        return response
    }

    /// The `Set-Cookie` value of a new session. No `Max-Age`: the cookie lives as long as the
    /// browser session, while the server ends the session itself after inactivity.
    func sessionCookie(_ value: String) -> String {
        "\(Self.cookieName)=\(value); Path=/admin; HttpOnly; SameSite=Strict" + (configuration.secureCookies ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the session cookie from the browser.
    func clearedCookie() -> String {
        "\(Self.cookieName)=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict" + (configuration.secureCookies ? "; Secure" : "")
    }

    /// The session cookie's value from `Cookie` headers, `nil` when absent.
    static func sessionCookie(in headers: HTTPHeaders) -> String? { Cookies.value(named: cookieName, in: headers) }
}

/// The check of a form's CSRF token against the session's.
enum CSRF {
    /// Whether `presented` equals `expected`, compared in constant time.
    static func matches(_ presented: String?, _ expected: String) -> Bool { Secret.matches(presented, expected) }
}

/// The headers every dashboard response carries (`PageResponse`'s).
enum SecurityHeaders {
    static var contentSecurityPolicy: String { PageResponse.contentSecurityPolicy }
    static func apply(to response: inout HTTPResponse) { PageResponse.applySecurityHeaders(to: &response) }
}
