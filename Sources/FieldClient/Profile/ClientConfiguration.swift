/// Every limit and timeout of the field client, in one place.
///
/// The CLI starts from the defaults; tests shrink the retry delays and page sizes so that
/// failure paths run in milliseconds.
public struct ClientConfiguration: Sendable, Equatable {
    /// The answer deadline: seconds a single HTTP request may go without receiving a byte
    /// from the server once its connection is set up (libcurl's low-speed limit of 1 byte/s
    /// over this time). Whole seconds, rounded up, at least 1. Default 10.
    public var requestTimeoutSeconds: Double
    /// The connect deadline: seconds to set up a new connection, the TLS handshake
    /// included. Default 10.
    public var connectTimeoutSeconds: Double
    /// Seconds a single HTTP request may take in total. Default 120: a 500-record page
    /// over a slow mobile connection at a venue.
    public var resourceTimeoutSeconds: Double
    /// How many times a request that failed transiently (timeout, connection reset,
    /// unreachable, 502/503/504) is tried in all, the first try included. Default 4.
    public var retryAttempts: Int
    /// Seconds to wait before the first retry; doubled before each further one. Default 0.5.
    public var retryBaseDelaySeconds: Double
    /// The longest wait between two tries, in seconds. Default 8.
    public var retryMaximumDelaySeconds: Double
    /// The silence deadline: seconds a sync goes on trying while the server gives no answer
    /// at all (counted from the sync's start or the server's last answer). A try that
    /// could not end within it is not started: the sync stops with the last failure (for a
    /// server that stopped answering, `timeout`), so a hung server is reported within this
    /// many seconds, not after every retry's full timeout. Default 30.
    public var unansweredDeadlineSeconds: Double
    /// Records sent per push request, at most the server's limit (PROTOCOL.md §17, default
    /// 10,000). Default 10,000. A server that answers `413 too_many_records` or
    /// `body_too_large` (an older or stricter one) gets the batch again in halves.
    public var pushBatchSize: Int
    /// Most bytes of record JSON in one push request, in bytes. Default 4,194,176 (4 MiB
    /// less 128 bytes for the body's `{"batch":…,"records":[…]}` envelope, at most 69
    /// bytes), a quarter of the server's default body limit of 16 MiB.
    ///
    /// Large batches are what makes a bulk push (a year of history, a resync after a
    /// restore) cheap: the server merges each request in one transaction, and every commit
    /// rewrites the index pages its records touch (BENCHMARKS.md, "Bulk push and group
    /// commit"). The former cap of 65,408 was set for the URLSession transport, which spun a
    /// core while it waited for the answer to a body over 64 KiB; libcurl does not.
    public var pushBatchMaxBytes: Int
    /// Records asked for per pull request (the protocol allows 1 to 1000). Default 1000:
    /// fewer round trips, and a page is still small (~250 KiB for typical records).
    public var pullPageSize: Int
    /// Pulled records stored per transaction, with the cursor of the last page among them.
    /// Default 5,000. Pages are held in memory until this many have arrived (or the feed
    /// ends): with random-looking record ids every commit rewrites one index page per
    /// record, so five pages per commit write far less than one. A crash loses at most the
    /// pages held, which the next sync pulls again.
    public var pullRecordsPerTransaction: Int
    /// Pull pages fetched ahead, on a thread of their own, while earlier ones are being
    /// stored. Default 5: the pages of one transaction (`pullRecordsPerTransaction` ÷
    /// `pullPageSize`), so that when a transaction commits the next one's pages are
    /// already here; with 2, a first sync of 100,000 records waited 0.9 s of its 3.8 s for
    /// pages. Raise it with a smaller page size. Each page held costs about 3 MiB. 0
    /// fetches each page only when it is needed.
    public var pullPrefetchPages: Int
    /// The version sent in `User-Agent: forum/<version>`. Default `"1.0.0"`.
    public var clientVersion: String
    /// How many refused writes `status` keeps and shows, newest first. Default 200.
    public var refusedWritesKept: Int
    /// Largest file `forum import` reads (another device's pending export), in bytes.
    /// Default 268,435,456 (256 MiB): far beyond a laptop's unsynced work, small enough to
    /// parse in memory.
    public var importMaxBytes: Int = 268_435_456

    /// Creates a configuration; every parameter defaults to the documented default.
    public init(requestTimeoutSeconds: Double = 10, connectTimeoutSeconds: Double = 10, resourceTimeoutSeconds: Double = 120,
                retryAttempts: Int = 4, retryBaseDelaySeconds: Double = 0.5, retryMaximumDelaySeconds: Double = 8,
                unansweredDeadlineSeconds: Double = 30,
                pushBatchSize: Int = 10_000, pushBatchMaxBytes: Int = 4_194_176, pullPageSize: Int = 1000,
                pullRecordsPerTransaction: Int = 5_000, pullPrefetchPages: Int = 5, clientVersion: String = "1.0.0",
                refusedWritesKept: Int = 200) {
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.resourceTimeoutSeconds = resourceTimeoutSeconds
        self.retryAttempts = retryAttempts
        self.retryBaseDelaySeconds = retryBaseDelaySeconds
        self.retryMaximumDelaySeconds = retryMaximumDelaySeconds
        self.unansweredDeadlineSeconds = unansweredDeadlineSeconds
        self.pushBatchSize = pushBatchSize
        self.pushBatchMaxBytes = pushBatchMaxBytes
        self.pullPageSize = pullPageSize
        self.pullRecordsPerTransaction = pullRecordsPerTransaction
        self.pullPrefetchPages = pullPrefetchPages
        self.clientVersion = clientVersion
        self.refusedWritesKept = refusedWritesKept
    }

    /// The wait before try number `attempt + 1` (`attempt` counts from 1), in seconds:
    /// base · 2^(attempt−1), capped at the maximum.
    public func retryDelay(afterAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        return min(retryBaseDelaySeconds * pow2(exponent), retryMaximumDelaySeconds)
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
