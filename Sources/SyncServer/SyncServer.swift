import AdminDashboard
import Foundation
import Glibc
import HTTPServer

/// The running sync server: the HTTP socket server in front of a `SyncService`, with one
/// structured log line per request.
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

    /// Creates a stopped server over `database`.
    /// - Parameters:
    ///   - database: the open database.
    ///   - dashboard: the admin dashboard to serve under `/admin`, or `nil` for none.
    ///   - log: receives each request's log line (default: standard error).
    public init(database: ServerDatabase, dashboard: AdminDashboard? = nil,
                log: @escaping @Sendable (String) -> Void = SyncServer.standardErrorLog) {
        let service = SyncService(database: database, dashboard: dashboard)
        self.service = service
        http = HTTPServer(configuration: database.configuration.http) { request in service.handle(request) }
        http.onRequestCompleted = { entry in log(RequestLog.line(for: entry)) }
    }

    /// Binds and starts serving.
    /// - Returns: the bound port (useful with port 0).
    /// - Throws: `HTTPServerError` when the address cannot be bound.
    @discardableResult
    public func start(host: String, port: UInt16) throws(HTTPServerError) -> UInt16 {
        try http.start(host: host, port: port)
    }

    /// Stops accepting, lets requests in flight finish (their pushes commit), then returns.
    public func shutdown() {
        http.shutdown(gracePeriod: service.database.configuration.shutdownGracePeriod)
    }

    /// Writes a line to standard error in one `write` call, so concurrent lines never interleave.
    public static let standardErrorLog: @Sendable (String) -> Void = { line in
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
