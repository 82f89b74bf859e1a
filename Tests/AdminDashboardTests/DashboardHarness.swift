import AdminDashboard
import WebPage
import Foundation
import HTTPServer
import SyncCore
import Testing

/// A dashboard over a `FakeDashboardSource` with a settable clock, and helpers that send
/// requests to it in process (no sockets).
final class DashboardHarness: @unchecked Sendable {
    let source = FakeDashboardSource()
    let dashboard: AdminDashboard
    private let lock = NSLock()
    private var nowMillis: Int64 = 1_764_000_000_000  // 2025-11-24 16:00 UTC

    /// 2025-11-24 17:00 in Stockholm.
    var now: Int64 {
        get { lock.withLock { nowMillis } }
        set { lock.withLock { nowMillis = newValue } }
    }

    init(configuration: DashboardConfiguration = DashboardConfiguration(publicURL: "http://admin.test")) {
        let box = ClockBox()
        dashboard = AdminDashboard(dataSource: source, configuration: configuration, clock: WallClock { box.read() })
        box.harness = self
    }

    /// A login link registered with the source, valid for 10 minutes.
    func newLink() -> (url: String, token: String) {
        let link = LoginLink.create(publicURL: "http://admin.test")
        source.addToken(link.tokenHash, expires: now + 600_000)
        let token = String(link.url.split(separator: "=").last ?? "")
        return (link.url, token)
    }

    /// Opens a new link and returns the session cookie value.
    func login() throws -> String {
        let response = get("/admin/login?token=\(newLink().token)")
        let header = try #require(response.headers["Set-Cookie"])
        let value = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1]
        return String(value)
    }

    func get(_ target: String, cookie: String? = nil, language: String? = nil) -> HTTPResponse {
        send(HTTPRequest(method: .get, target: target, query: Self.query(target), headers: headers(cookie, language)))
    }

    func post(_ target: String, form: [(String, String)], cookie: String?) -> HTTPResponse {
        let body = form.map { "\(HTML.urlComponent($0.0))=\(HTML.urlComponent($0.1))" }.joined(separator: "&")
        var headers = headers(cookie, nil)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return send(HTTPRequest(method: .post, target: target, query: Self.query(target), headers: headers, body: Array(body.utf8)))
    }

    func send(_ request: HTTPRequest) -> HTTPResponse {
        dashboard.handle(request) ?? HTTPResponse(status: .notFound)
    }

    /// The CSRF token in a page's forms.
    static func csrf(in response: HTTPResponse) throws -> String {
        let html = response.text
        let marker = "name=\"csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    private func headers(_ cookie: String?, _ language: String?) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let cookie { headers["Cookie"] = "other=1; forum_admin=\(cookie)" }
        if let language { headers["Accept-Language"] = language }
        return headers
    }

    /// The query as the parser would give it (percent-decoded, first key wins).
    static func query(_ target: String) -> [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            let value = parts.count > 1 ? (String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") : ""
            if result[key] == nil { result[key] = value }
        }
        return result
    }
}

/// Lets the dashboard's clock closure read the harness's time without a retain cycle at init.
final class ClockBox: @unchecked Sendable {
    weak var harness: DashboardHarness?
    func read() -> Int64 { harness?.now ?? 0 }
}

extension HTTPResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
