import AdminDashboard
import Foundation
import Glibc
import HTTPServer

/// The running sync server: the HTTP socket server in front of a `SyncService`, with one
/// structured log line per request and a summary line per interval of refused ones.
///
/// ```swift
/// let server = try SyncServer(dataDirectory: "./forum-data", policy: ForumPolicy())
/// let port = try server.start(host: "127.0.0.1", port: 8080)
/// _ = HTTPServer.waitForTerminationSignal()
/// server.shutdown()
/// ```
public final class SyncServer: Sendable {
    /// The service answering requests.
    public let service: SyncService
    let http: HTTPServer
    let refusals: RefusalLog
    let sweeper: TombstoneSweeper
    private let metricsServer = MetricsListenerBox()

    /// Creates a stopped server over `database`.
    /// - Parameters:
    ///   - database: the open database.
    ///   - dashboard: the admin dashboard to serve under `/admin`, or `nil` for none.
    ///   - log: receives each request's log line (default: standard error).
    public init(database: ServerStore, dashboard: AdminDashboard? = nil,
                log: @escaping @Sendable (String) -> Void = SyncServer.standardErrorLog) {
        let service = SyncService(database: database, dashboard: dashboard)
        self.service = service
        http = HTTPServer(configuration: database.configuration.http, headGate: { service.admit($0) }) { request in
            service.handle(request)
        }
        let refusals = RefusalLog(interval: database.configuration.refusalLogInterval, write: log)
        self.refusals = refusals
        sweeper = TombstoneSweeper(ledger: database.syncLedger, log: log)
        http.onRequestCompleted = { entry in
            if let code = RefusalLog.refusalCode(of: entry) {
                refusals.count(code)
                service.metrics.countRefusal(code: code)
            } else {
                log(RequestLog.line(for: entry))
            }
        }
    }

    deinit {
        refusals.stop()
        sweeper.stop()
    }

    /// Binds and starts serving, and purging tombstones past their horizon on a timer.
    /// - Returns: the bound port (useful with port 0).
    /// - Throws: `HTTPServerError` when the address cannot be bound.
    @discardableResult
    public func start(host: String, port: UInt16) throws(HTTPServerError) -> UInt16 {
        let port = try http.start(host: host, port: port)
        sweeper.start()
        return port
    }

    /// Starts the separate metrics listener: `GET /metrics` without a token, nothing else.
    /// Bind it to an address only the monitoring host can reach (default `127.0.0.1`).
    /// - Returns: the bound port (useful with port 0).
    /// - Throws: `HTTPServerError` when the address cannot be bound or it was started already.
    @discardableResult
    public func startMetricsListener(host: String = "127.0.0.1", port: UInt16) throws(HTTPServerError) -> UInt16 {
        var configuration = HTTPServer.Configuration()
        configuration.maxConcurrentConnections = 8
        configuration.workerThreadCount = 1
        let service = self.service
        let server = HTTPServer(configuration: configuration, headGate: { _ in
            .refuse(.error(.contentTooLarge, code: "body_too_large", message: "The metrics listener takes no bodies."))
        }) { service.handleMetricsListener($0) }
        guard metricsServer.set(server) else {
            throw HTTPServerError(code: .invalidState, message: "The metrics listener was already started.")
        }
        return try server.start(host: host, port: port)
    }

    /// Stops accepting, lets requests in flight finish (their pushes commit), then returns.
    public func shutdown() {
        http.shutdown(gracePeriod: service.database.configuration.shutdownGracePeriod)
        metricsServer.get()?.shutdown(gracePeriod: 1)
        refusals.stop()
        sweeper.stop()
    }

    /// Writes a line to standard error in one `write` call, so concurrent lines never interleave.
    public static let standardErrorLog: @Sendable (String) -> Void = { line in
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

/// The metrics listener, set once after creation.
private final class MetricsListenerBox: @unchecked Sendable {
    private let lock = NSLock()
    private var server: HTTPServer?

    func set(_ value: HTTPServer) -> Bool {
        lock.withLock {
            guard server == nil else { return false }
            server = value
            return true
        }
    }

    func get() -> HTTPServer? { lock.withLock { server } }
}
