import AdminDashboard
import HTTPServer
import SyncProtocol

/// Every limit, lifetime and default of the sync server, with its unit and default.
public struct SyncServerConfiguration: Sendable {
    /// The socket layer's limits and timeouts (request size, timeouts, connections).
    /// Default: `HTTPServer.Configuration()` (bodies up to 16 MiB, which the example nginx
    /// configuration's `client_max_body_size` matches).
    public var http = HTTPServer.Configuration()
    /// Most records in one push. Default 10,000. Beyond: 413 `too_many_records`. With the
    /// body limit (`http.maxBodyBytes`, 16 MiB) it bounds what one push costs the server: a
    /// push is merged in one transaction while other pushes wait (or share it, with group
    /// commit). The field client sends at most 10,000 records or 4 MiB per push.
    public var maxRecordsPerPush = 10_000
    /// Whether concurrent pushes share write transactions, how many at most, and how long
    /// the writer waits for more. Default: on, at most 32 pushes per transaction, no wait
    /// (`GroupCommit`). `forum-server serve --group-commit on|off`.
    public var groupCommit = GroupCommit()
    /// When a COMMIT returns, of the server's database and of its acknowledgement ledger
    /// (`PRAGMA synchronous` of both files, in WAL mode). Default `.full`: the WAL is
    /// synced to the disk at every commit, before any device is answered, so an answered
    /// push survives a power loss or a crash of the machine, not only of the server
    /// process. `.normal` syncs only at checkpoints: a power loss may then roll back the
    /// last commits, answered ones included, and the ledger's and the database's last
    /// commits independently (the ledger behind the database, which its check relies on
    /// never happening). `forum-server serve --synchronous full|normal`; Server/README.md,
    /// "Durable commits".
    public var synchronous: CommitSynchronous = .full
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
    /// Days after a forum was held that facilitators' laptops keep the identities of its
    /// participants (PROTOCOL.md §14c); the server and coordinators keep them. Default 30.
    /// `nil`: laptops keep them until deleted.
    public var laptopRetentionDays: Int? = 30
    /// Days a tombstone (a deleted record with no conflict) is kept after its last change
    /// before the server purges it, once every active device has pulled past it; devices
    /// not heard from within as many days are not waited for and resync from the beginning
    /// (PROTOCOL.md §14d). Devices drop their own tombstones after as many days. Default 90.
    /// `nil`: tombstones are kept for ever.
    public var tombstoneHorizonDays: Int? = 90
    /// Seconds between `serve`'s tombstone purges. Default 3,600 (hourly).
    public var tombstonePurgeInterval: Double = 3600
    /// The push limits above, as `SyncProtocol` reads a push body with them.
    var pushLimits: PushRequest.Limits {
        PushRequest.Limits(maxRecords: maxRecordsPerPush, maxBatchIDLength: maxBatchIDLength)
    }
    /// Seconds an entry's time may be ahead of the server's clock. Default 86 400 (24 h).
    /// Beyond, or before 1970, the record is refused `time_out_of_range`: a replica that
    /// observed such a time could never write after it (PROTOCOL.md §7).
    public var maxClockSkew: Int64 = 24 * 3600
    /// Seconds `serve` waits for requests in flight at shutdown. Default 10.
    public var shutdownGracePeriod: Double = 10

    /// Failed enrolment attempts (unknown, used or expired codes) per client address: a
    /// burst of 10, then one every 6 seconds (10 a minute). While it is exhausted,
    /// enrolment answers 429 `rate_limited` with `Retry-After` without looking at the code.
    /// Codes have 60 bits, so this is not what keeps them secret: it stops guesses from
    /// costing a thread and a database transaction each at will. Successful enrolments do
    /// not count, so an office can enrol all its tablets at once.
    public var enrolmentRateLimit = RateLimit(burst: 10, perSecond: 1.0 / 6)
    /// Failed authentications (missing, unknown or revoked token) per client address: a
    /// burst of 30, then one every 2 seconds. While it is exhausted, token routes answer
    /// 429 `rate_limited` with `Retry-After` without looking at the token. Devices behind
    /// one NAT address share the bucket; a working device never fails.
    public var failedAuthenticationRateLimit = RateLimit(burst: 30, perSecond: 0.5)
    /// Bearer token for `GET /metrics` on the application port, or `nil` (the default): then
    /// the application port answers 404 there, and metrics are served only by the separate
    /// listener (`SyncServer.startMetricsListener`, `forum-server serve --metrics-port`).
    public var metricsBearerToken: String?
    /// Seconds between the log's summaries of refused requests (401, 408, 429, 503,
    /// framing errors): refusals are counted, not logged one by one. Default 60.
    public var refusalLogInterval: Double = 60

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

    /// Most record states the push's lookup carries from one write to the next, in states.
    /// Default 100,000 (about 1.3 KB each, so up to about 130 MB; `forum-bench storing
    /// --carry N` measures it). The states a push read or stored (its records and their
    /// forums, participants and attendances) are kept for the next push or import as long
    /// as nothing else wrote to the database in between (on this connection or any other);
    /// a bulk push of many requests then reads each parent once instead of once per
    /// request. Past the capacity only what the last write used is kept. 0 keeps nothing.
    public var lookupCarryCapacity = 100_000

    /// Creates the default configuration.
    public init() {}
}
