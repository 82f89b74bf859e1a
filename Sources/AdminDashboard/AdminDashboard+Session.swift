import Digest
import HTTPServer

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
    static func sessionCookie(in headers: HTTPHeaders) -> String? {
        for header in headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { continue }
                if parts[0].trimmingCharacters(in: .whitespaces) == cookieName {
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    return value.isEmpty ? nil : value
                }
            }
        }
        return nil
    }
}

/// The check of a form's CSRF token against the session's.
enum CSRF {
    /// Whether `presented` equals `expected`, compared in constant time over the bytes so
    /// the time taken reveals nothing of the expected token.
    static func matches(_ presented: String?, _ expected: String) -> Bool {
        guard let presented else { return false }
        return ConstantTime.equals(Array(presented.utf8), Array(expected.utf8))
    }
}

/// The headers every dashboard response carries.
enum SecurityHeaders {
    /// No scripts at all; inline styles only; images from the page itself or data: URLs
    /// (the chart is inline SVG); forms post only to this server; no framing.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"

    static func apply(to response: inout HTTPResponse) {
        response.headers["Content-Security-Policy"] = contentSecurityPolicy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
    }
}
