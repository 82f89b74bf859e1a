import AdminDashboard
import ArgumentParsing
import Dispatch
import Foundation
import Glibc
import Messages
import SyncServer

/// `forum-server serve`: binds, prints `listening on http://HOST:PORT` on standard output,
/// serves until SIGTERM or SIGINT, then drains requests in flight and exits 0.
struct ServeCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("serve", abstract: l["server.serve.abstract"], arguments: [
            .option("host", valueName: l["cli.value.host"], help: l["server.serve.host"]),
            .option("port", valueName: l["cli.value.port"], help: l["server.serve.port"]),
            .option("max-connections", valueName: l["cli.value.count"], help: l["server.serve.max_connections"]),
            .option("max-connections-per-address", valueName: l["cli.value.count"],
                    help: l["server.serve.max_connections_per_address"]),
            .option("group-commit", valueName: "on|off", help: l["server.serve.group_commit"]),
            .option("synchronous", valueName: CommitSynchronous.allCases.map(\.rawValue).joined(separator: "|"), help: l["server.serve.synchronous"]),
            .option("laptop-retention-days", valueName: l["cli.value.days"], help: l["server.serve.laptop_retention_days"]),
            .option("tombstone-horizon-days", valueName: l["cli.value.days"], help: l["server.serve.tombstone_horizon_days"]),
            .option("trusted-proxy", valueName: l["cli.value.address"], repeatable: true, help: l["server.serve.trusted_proxy"]),
            .option("metrics-port", valueName: l["cli.value.port"], help: l["server.serve.metrics_port"]),
            .option("metrics-host", valueName: l["cli.value.address"], help: l["server.serve.metrics_host"]),
            .option("metrics-token-file", valueName: l["cli.value.file"], help: l["server.serve.metrics_token_file"]),
        ])
    }

    let host: String
    let port: Int
    let maxConnections: Int?
    let maxConnectionsPerAddress: Int?
    let groupCommit: Bool?
    let synchronous: CommitSynchronous?
    let laptopRetentionDays: Int?
    let tombstoneHorizonDays: Int?
    let trustedProxies: [String]
    let metricsPort: Int?
    let metricsHost: String
    let metricsTokenFile: String?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        host = arguments.string("host") ?? "127.0.0.1"
        port = try arguments.int("port", in: 0...65535) ?? 8080
        // Each syncing device may hold a pull connection and open one per push: with the
        // default of 256, 200 devices syncing at once got 503s (forum-bench devices).
        maxConnections = try arguments.int("max-connections", in: 1...65_536)
        maxConnectionsPerAddress = try arguments.int("max-connections-per-address", in: 1...65_536)
        groupCommit = try arguments.choice("group-commit", from: ["on", "off"]).map { $0 == "on" }
        synchronous = try arguments.choice("synchronous", from: CommitSynchronous.allCases.map(\.rawValue))
            .flatMap(CommitSynchronous.init(rawValue:))
        laptopRetentionDays = try arguments.int("laptop-retention-days", in: 0...36_500)
        tombstoneHorizonDays = try arguments.int("tombstone-horizon-days", in: 0...36_500)
        trustedProxies = arguments.strings("trusted-proxy")
        metricsPort = try arguments.int("metrics-port", in: 0...65535)
        metricsHost = arguments.string("metrics-host") ?? "127.0.0.1"
        metricsTokenFile = arguments.string("metrics-token-file")
    }

    /// The server's configuration from the options.
    func configuration(_ context: ServerContext) throws(SyncServerError) -> SyncServerConfiguration {
        var configuration = context.configuration(port: port)
        if let maxConnections { configuration.http.maxConcurrentConnections = maxConnections }
        if let maxConnectionsPerAddress { configuration.http.maxConnectionsPerAddress = maxConnectionsPerAddress }
        // Concurrent pushes share write transactions unless turned off (Server/README.md).
        if let groupCommit { configuration.groupCommit.enabled = groupCommit }
        // Answered pushes survive a power loss only with `full`, the default (Server/README.md).
        if let synchronous { configuration.synchronous = synchronous }
        // 0 turns retention off: laptops keep participants until they are deleted.
        if let laptopRetentionDays { configuration.laptopRetentionDays = laptopRetentionDays == 0 ? nil : laptopRetentionDays }
        // 0 keeps tombstones for ever.
        if let tombstoneHorizonDays { configuration.tombstoneHorizonDays = tombstoneHorizonDays == 0 ? nil : tombstoneHorizonDays }
        configuration.http.trustedProxyAddresses = trustedProxies
        if let metricsTokenFile {
            guard let text = try? String(contentsOfFile: metricsTokenFile, encoding: .utf8),
                  case let token = text.trimmingCharacters(in: .whitespacesAndNewlines), token.count >= 16 else {
                throw SyncServerError(AdminErrorCode.metricsToken, "The metrics token file could not be read or holds fewer than 16 characters.")
            }
            configuration.metricsBearerToken = token
        }
        return configuration
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let database = try ServerStore(directory: context.dataDirectory, policy: ServerContext.policy(),
                                          configuration: try configuration(context))
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
        context.say("listening on http://\(shownHost):\(bound)")
        // Login links made beside this server point at it (unless a public URL is set).
        let listening = "http://\(shownHost == "0.0.0.0" || shownHost == "[::]" ? "127.0.0.1" : shownHost):\(bound)"
        ServingAddress.write(context.arguments.string("public-url") ?? context.environment["FORUM_PUBLIC_URL"] ?? listening,
                             dataDirectory: context.dataDirectory)
        if let metricsPort {
            let metricsBound: UInt16
            do { metricsBound = try server.startMetricsListener(host: metricsHost, port: UInt16(metricsPort)) } catch {
                server.shutdown()
                throw SyncServerError(AdminErrorCode.bindFailed, error.description)
            }
            let shown = metricsHost.contains(":") ? "[\(metricsHost)]" : metricsHost
            context.say("metrics on http://\(shown):\(metricsBound)/metrics")
        }
        stop.wait()
        context.note(context.localizer["server.serve.stopping"])
        server.shutdown()
        sources.forEach { $0.cancel() }
        context.note(context.localizer["server.serve.stopped"])
        return .success
    }
}
