import Digest
import HTTPServer
import WebPage

/// Who may use the app: whoever opened the link with this launch's secret key.
///
/// `forum app` makes a random key at each launch and prints `http://127.0.0.1:PORT/?key=…`.
/// The key is exchanged for a cookie (HttpOnly, SameSite=Strict, Path=/) and a redirect
/// that drops it from the address bar; nothing else answers without the cookie, so other
/// users of the same computer, who can reach 127.0.0.1 but cannot read the key, get a 403
/// page and no data. Every POST carries a CSRF token derived from the key.
struct AppAccess: Sendable {
    /// The cookie's name.
    static let cookieName = "forum_app"

    /// The launch's secret (64 hex characters).
    let key: String
    /// The cookie's value: derived from the key, never the key itself.
    let cookieValue: String
    /// The token every form carries.
    let csrfToken: String

    /// Access for `key`; a new random key when `nil`.
    init(key: String? = nil) {
        let key = key ?? Secret.hex(byteCount: 32)
        self.key = key
        cookieValue = SHA256.hex("forum-app-cookie:" + key)
        csrfToken = SHA256.hex("forum-app-csrf:" + key)
    }

    /// Whether `presented` is this launch's key.
    func isKey(_ presented: String?) -> Bool { Secret.matches(presented, key) }

    /// Whether the request carries this launch's cookie.
    func admits(_ request: HTTPRequest) -> Bool {
        Secret.matches(Cookies.value(named: Self.cookieName, in: request.headers), cookieValue)
    }

    /// Whether a form's token is this launch's.
    func acceptsForm(_ form: FormData) -> Bool { Secret.matches(form["csrf"], csrfToken) }

    /// The `Set-Cookie` value that opens the app in this browser (for the browser session).
    var setCookie: String { "\(Self.cookieName)=\(cookieValue); Path=/; HttpOnly; SameSite=Strict" }
}
