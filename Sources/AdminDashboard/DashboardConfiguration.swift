/// Every limit and lifetime of the admin dashboard, with its unit and default.
public struct DashboardConfiguration: Sendable {
    /// The URL people reach the server at, e.g. `https://forum.example.se`, without a
    /// trailing slash. Login links start with it, and cookies are `Secure` when it is https.
    /// Default `http://127.0.0.1:8080`.
    public var publicURL: String
    /// Seconds a login link stays valid after it is printed. Default 600 (10 minutes).
    public var loginLinkLifetime: Int64 = 600
    /// Seconds of inactivity after which a session ends. Default 1800 (30 minutes).
    public var sessionIdleTimeout: Int64 = 1800
    /// Most sessions kept at once; the least recently used one ends beyond it. Default 100.
    public var maxSessions = 100
    /// Days without a push or pull after which a device counts as stale. Default 7.
    public var staleDeviceDays = 7
    /// Days the activity chart shows, ending today. Default 14.
    public var activityDays = 14
    /// Rows per page of the conflicts list. Default 25.
    public var conflictsPageSize = 25
    /// Largest accepted `application/x-www-form-urlencoded` body in bytes. Default 65 536.
    public var maxFormBytes = 64 * 1024
    /// Longest new value (JSON text) an admin may enter, in bytes. Default 16 384.
    public var maxNewValueBytes = 16 * 1024

    /// Creates the default configuration for `publicURL`.
    /// - Parameter publicURL: the server's public base URL; a trailing `/` is removed.
    public init(publicURL: String = "http://127.0.0.1:8080") {
        var url = publicURL
        while url.hasSuffix("/") { url.removeLast() }
        self.publicURL = url
    }

    /// Whether cookies carry `Secure`: only when the public URL is https, so a plain-http
    /// test or intranet setup still works.
    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }
}
