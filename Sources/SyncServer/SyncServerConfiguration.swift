import AdminDashboard
import HTTPServer

/// Every limit, lifetime and default of the sync server, with its unit and default.
public struct SyncServerConfiguration: Sendable {
    /// The socket layer's limits and timeouts (request size, timeouts, connections).
    /// Default: `HTTPServer.Configuration()` (bodies up to 16 MiB, which the example nginx
    /// configuration's `client_max_body_size` matches).
    public var http = HTTPServer.Configuration()
    /// Most records in one push. Default 500. Beyond: 413 `too_many_records`.
    public var maxRecordsPerPush = 500
    /// Records per pull page when the client gives no `limit`. Default 500.
    public var defaultPullLimit = 500
    /// Largest `limit` a pull may ask for. Default 1000. Beyond: 400 `invalid_request`.
    public var maxPullLimit = 1000
    /// Seconds an enrolment code stays valid after `device add`. Default 604 800 (7 days).
    public var enrolmentCodeLifetime: Int64 = 7 * 24 * 3600
    /// Seconds a push response is kept for replaying a repeated batch id. Default 86 400 (24 h).
    public var batchResponseRetention: Int64 = 24 * 3600
    /// Longest batch id in characters. Default 64.
    public var maxBatchIDLength = 64
    /// Seconds an entry's time may be ahead of the server's clock. Default 86 400 (24 h).
    /// Beyond, or before 1970, the record is refused `time_out_of_range`: a replica that
    /// observed such a time could never write after it (PROTOCOL.md §7).
    public var maxClockSkew: Int64 = 24 * 3600
    /// Seconds `serve` waits for requests in flight at shutdown. Default 10.
    public var shutdownGracePeriod: Double = 10

    /// The admin dashboard under `/admin`: public URL (for login links and `Secure`
    /// cookies), login-link and session lifetimes, stale-device days, page size.
    /// Default: `DashboardConfiguration()` (public URL `http://127.0.0.1:8080`).
    public var dashboard = DashboardConfiguration()

    /// Most decoded record states the server keeps for reuse, in states. Default 16,384
    /// (a few tens of MiB at most). Every pushed attendance and honorarium is checked
    /// against its forum, participant and attendance; with SQLite's read being cheap, the
    /// cost of a lookup is decoding the parent's JSON, and parents are spread over the
    /// whole store, so a small cache misses on nearly every one.
    public var decodedStateCacheCapacity = 16_384

    /// Creates the default configuration.
    public init() {}
}
