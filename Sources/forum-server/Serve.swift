import AdminDashboard
import ArgumentParsing
import Dispatch
import Foundation
import Glibc
import Messages
import SyncServer

/// A usage error found after parsing (a missing required option), rendered like the parser's.
struct UsageFailure: Error {
    let error: UsageError
    init(_ error: UsageError) { self.error = error }
}

/// Which domain rules the server enforces.
enum ServerPolicy {
    static func make() -> any SyncPolicy { ForumPolicy() }

    /// The configuration with the dashboard's public URL from `--public-url`, else the
    /// environment's `FORUM_PUBLIC_URL`, else the address a running `serve` on the same data
    /// directory wrote (`DATA/serving-url`), else `http://127.0.0.1:<port>` (`--port`, 8080).
    static func configuration(_ parsed: ParsedArguments) -> SyncServerConfiguration {
        var configuration = SyncServerConfiguration()
        let port = (try? parsed.int("port", in: 0...65535)) ?? nil
        let url = parsed.string("public-url") ?? ProcessInfo.processInfo.environment["FORUM_PUBLIC_URL"]
            ?? servingURL(dataDirectory: dataDirectory(parsed)) ?? "http://127.0.0.1:\(port ?? 8080)"
        configuration.dashboard = DashboardConfiguration(publicURL: url)
        return configuration
    }
}

extension ServerPolicy {
    /// The data directory the command works on.
    static func dataDirectory(_ parsed: ParsedArguments) -> String { parsed.string("data") ?? "./forum-data" }

    /// The file where `serve` notes the address it serves on, so that `admin login-link`
    /// run beside it makes links to that address.
    static func servingURLFile(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("serving-url")
    }

    /// The address a running (or the last) `serve` noted, `nil` when none.
    static func servingURL(dataDirectory: String) -> String? {
        guard let text = try? String(contentsOfFile: servingURLFile(dataDirectory: dataDirectory), encoding: .utf8) else {
            return nil
        }
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return url.hasPrefix("http://") || url.hasPrefix("https://") ? url : nil
    }

    /// Notes the address `serve` serves on (owner-only, like everything in the directory).
    static func noteServingURL(_ url: String, dataDirectory: String) {
        FileManager.default.createFile(atPath: servingURLFile(dataDirectory: dataDirectory), contents: Data((url + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
    }
}

/// `forum-server serve`: binds, prints `listening on http://HOST:PORT` on standard output,
/// serves until SIGTERM or SIGINT, then drains requests in flight and exits 0.
enum Serve {
    static func run(_ parsed: ParsedArguments, _ l: Localizer) throws -> ExitCode {
        let host = parsed.string("host") ?? "127.0.0.1"
        let port = try parsed.int("port", in: 0...65535) ?? 8080
        var configuration = ServerPolicy.configuration(parsed)
        // Each syncing device may hold a pull connection and open one per push: with the
        // default of 256, 200 devices syncing at once got 503s (forum-bench devices).
        if let limit = try parsed.int("max-connections", in: 1...65_536) {
            configuration.http.maxConcurrentConnections = limit
        }
        if let limit = try parsed.int("max-connections-per-address", in: 1...65_536) {
            configuration.http.maxConnectionsPerAddress = limit
        }
        // Concurrent pushes share write transactions unless turned off (Server/README.md).
        if let choice = try parsed.choice("group-commit", from: ["on", "off"]) {
            configuration.groupCommit.enabled = choice == "on"
        }
        // 0 turns retention off: laptops keep participants until they are deleted.
        if let days = try parsed.int("laptop-retention-days", in: 0...36_500) {
            configuration.laptopRetentionDays = days == 0 ? nil : days
        }
        // 0 keeps tombstones for ever.
        if let days = try parsed.int("tombstone-horizon-days", in: 0...36_500) {
            configuration.tombstoneHorizonDays = days == 0 ? nil : days
        }
        configuration.http.trustedProxyAddresses = parsed.strings("trusted-proxy")
        if let file = parsed.string("metrics-token-file") {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  case let token = text.trimmingCharacters(in: .whitespacesAndNewlines), token.count >= 16 else {
                throw SyncServerError(AdminErrorCode.metricsToken, "The metrics token file could not be read or holds fewer than 16 characters.")
            }
            configuration.metricsBearerToken = token
        }
        let metricsPort = try parsed.int("metrics-port", in: 0...65535)
        let database = try ServerDatabase(directory: parsed.string("data") ?? "./forum-data", policy: ServerPolicy.make(),
                                          configuration: configuration)
        // Signals are caught before the address is printed, so a supervisor (or test) that
        // signals as soon as it reads the line cannot kill the process mid-request.
        let stop = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "forum-server.signals")
        let sources = [SIGTERM, SIGINT].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        let dashboard = AdminDashboard(dataSource: ServerDashboardSource(database: database),
                                       configuration: database.configuration.dashboard)
        let server = SyncServer(database: database, dashboard: dashboard)
        let bound: UInt16
        do { bound = try server.start(host: host, port: UInt16(port)) } catch {
            throw SyncServerError(AdminErrorCode.bindFailed, error.description)
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        print("listening on http://\(shownHost):\(bound)")
        // Login links made beside this server point at it (unless a public URL is set).
        let listening = "http://\(shownHost == "0.0.0.0" || shownHost == "[::]" ? "127.0.0.1" : shownHost):\(bound)"
        ServerPolicy.noteServingURL(parsed.string("public-url") ?? ProcessInfo.processInfo.environment["FORUM_PUBLIC_URL"] ?? listening,
                                    dataDirectory: ServerPolicy.dataDirectory(parsed))
        if let metricsPort {
            let metricsHost = parsed.string("metrics-host") ?? "127.0.0.1"
            let metricsBound: UInt16
            do { metricsBound = try server.startMetricsListener(host: metricsHost, port: UInt16(metricsPort)) } catch {
                server.shutdown()
                throw SyncServerError(AdminErrorCode.bindFailed, error.description)
            }
            let shown = metricsHost.contains(":") ? "[\(metricsHost)]" : metricsHost
            print("metrics on http://\(shown):\(metricsBound)/metrics")
        }
        fflush(nil)
        stop.wait()
        FileHandle.standardError.write(Data((l["server.serve.stopping"] + "\n").utf8))
        server.shutdown()
        sources.forEach { $0.cancel() }
        FileHandle.standardError.write(Data((l["server.serve.stopped"] + "\n").utf8))
        return .success
    }
}
