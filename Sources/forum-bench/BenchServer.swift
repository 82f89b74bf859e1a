import FieldClient
import ForumModel
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SQLite
import SyncCore
import SyncServer

/// A real `SyncServer` in this process on 127.0.0.1 with an ephemeral port, over a
/// `ServerStore` in a temporary directory, and field clients enrolled against it.
///
/// In-process keeps the scenarios simple (seeding and enrolment go straight to the
/// database); the memory scenario runs each side in its own child process instead.
final class BenchServer {
    let directory: String
    let database: ServerStore
    let server: SyncServer
    let port: UInt16
    /// The port of the server's separate metrics listener.
    let metricsPort: UInt16
    var url: String { "http://127.0.0.1:\(port)" }

    /// Opens a fresh database in a new temporary directory and starts serving.
    init(label: String, directory: String? = nil, configuration: SyncServerConfiguration = .init()) throws {
        let base = directory ?? BenchServer.temporaryDirectory(label)
        self.directory = base
        database = try ServerStore(directory: base + "/server", policy: ForumPolicy(), configuration: configuration)
        server = SyncServer(database: database, log: { _ in })
        port = try server.start(host: "127.0.0.1", port: 0)
        metricsPort = try server.startMetricsListener(host: "127.0.0.1", port: 0)
    }

    /// Seconds the server has spent answering requests to `route` (its
    /// `forum_request_duration_seconds_sum` on the metrics listener), `nil` when not found.
    func secondsAnswering(_ route: String) -> Double? {
        guard let url = URL(string: "http://127.0.0.1:\(metricsPort)/metrics"), let data = try? Data(contentsOf: url) else { return nil }
        let prefix = "forum_request_duration_seconds_sum{route=\"\(route)\"} "
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    /// Stops the server and deletes the directory.
    func stop() {
        server.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func temporaryDirectory(_ label: String) -> String {
        let path = FileManager.default.temporaryDirectory.path + "/forum-bench-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Imports the corpus's records in batches of `batch` (parents first, as the corpus
    /// numbers them), handing each batch to `also` too (to fill a client replica alike).
    /// - Returns: seconds taken.
    @discardableResult
    func seed(_ corpus: ForumCorpus, writer: ReplicaID, batch: Int = 10_000,
              also: (([RecordState]) throws -> Void)? = nil) throws -> Double {
        try Timing.measure {
            var start = 0
            while start < corpus.recordCount {
                let end = min(corpus.recordCount, start + batch)
                let states = corpus.states(start..<end, replica: writer)
                try database.recordsOffice.importStates(states)
                try also?(states)
                start = end
            }
        }
    }

    /// Enrols a new device and returns its grant (straight through the database: the
    /// enrolment endpoint is not what is measured).
    func enrol(role: Role = .coordinator, municipalities: [String]) throws -> (replica: ReplicaID, token: String) {
        let added = try database.deviceRegistry.addDevice(name: "bench", role: role.rawValue, municipalities: municipalities)
        let enrolment = try database.deviceRegistry.enroll(code: added.code)
        guard let replica = ReplicaID(enrolment.device.id) else { throw Timing.Failure(description: "bad device id") }
        return (replica, enrolment.token)
    }

    /// A field client: a fresh local replica file and an HTTP transport with its token.
    func client(name: String, role: Role = .coordinator, municipalities: [String],
                configuration: ClientConfiguration = ClientConfiguration()) throws -> SyncEngine {
        let grant = try enrol(role: role, municipalities: municipalities)
        let replica = try LocalReplica(path: "\(directory)/clients/\(name).sqlite", replica: grant.replica,
                                       actor: Actor(role: role, municipalities: Set(municipalities)))
        let transport = try HTTPSyncTransport(baseURL: url, token: grant.token, configuration: configuration)
        return SyncEngine(replica: replica, transport: transport, configuration: configuration)
    }

    /// The canonical JSON of every record filed under one of `tags`, by collection and id:
    /// what a device with those tags should hold after syncing. Read through a second
    /// connection, as an admin command would.
    func canonicalStates(tags: [String]) throws -> [String: [UInt8]] {
        let connection = try Connection(path: directory + "/server/" + ServerStore.fileName)
        let placeholders = Array(repeating: "?", count: tags.count).joined(separator: ",")
        let rows = try connection.query("""
            SELECT collection, id, state FROM record r
            WHERE EXISTS (SELECT 1 FROM record_tag t WHERE t.record = r.rowid AND t.tag IN (\(placeholders)))
            """, tags.map(SQLValue.text)) { (try $0.text(at: 0), try $0.text(at: 1), try $0.blob(at: 2)) }
        var result: [String: [UInt8]] = [:]
        for (collection, id, bytes) in rows {
            result[collection + "/" + id] = try RecordState(jsonBytes: bytes).canonicalJSON
        }
        return result
    }
}

/// Clock helpers shared by the load scenarios.
enum Timing {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func measure(_ body: () throws -> Void) throws -> Double {
        let start = now()
        try body()
        return Double(now() - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double { StoreBenchmark.median(values) }

    /// CPU seconds (user + system) used so far by every thread of this process: on a
    /// shared machine a steadier figure than wall time, as it excludes waiting for a core.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Wall and CPU seconds of `body`.
    static func measureBoth(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        let cpu = cpuSeconds()
        let wall = try measure(body)
        return (wall, cpuSeconds() - cpu)
    }

    /// The load average over the last minute, as a string for the report.
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }
}
