import FieldClient
import ForumModel
import Foundation
import HTTPServer
import SyncCore
import SyncServer
#if canImport(Glibc)
import Glibc
#endif

/// `forum-bench memory`: peak resident memory of each side of a first sync, measured in
/// separate processes. The parent seeds a server database with N records, then spawns
/// this executable twice: as the server (`memory-server DIR`, serving until SIGTERM) and
/// as the client (`memory-client URL TOKEN REPLICA DIR`, one full sync). Each child writes
/// its own `VmHWM` (from /proc/self/status) to a file before exiting: `ru_maxrss` from
/// `wait4` is no good here, as Linux carries the parent's high-water mark into a child
/// started with vfork semantics (posix_spawn) across the exec. An idle row (server started and stopped, replica
/// opened, no sync) shows the fixed cost. Target: the 100,000-record peak under 1.5×
/// the 10,000-record peak on both sides (pulls stream page by page).
enum MemoryBenchmark {
    static func run(sizes: [Int]) throws {
        print("memory: peak RSS (VmHWM of each child process) during a first sync of N records (load \(Timing.loadAverage()))")
        print("  records    client MiB   server MiB  client s   server s   pulled (CPU seconds of each process)")
        var peaks: [(Int, Double, Double)] = []
        for size in [0] + sizes {
            let directory = BenchServer.temporaryDirectory("memory")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let corpus = ForumCorpus(records: max(size, 1), municipalities: [SyncBenchmark.municipality], key: "memory")
            let grant: (replica: ReplicaID, token: String)
            do { // the parent's database is closed before the server child opens the file
                let database = try ServerStore(directory: directory + "/server", policy: ForumPolicy())
                if size > 0 {
                    var start = 0
                    while start < corpus.recordCount {
                        let end = min(corpus.recordCount, start + 10_000)
                        try database.recordsOffice.importStates(corpus.states(start..<end, replica: SyncBenchmark.seedWriter))
                        start = end
                    }
                }
                let added = try database.deviceRegistry.addDevice(name: "bench", role: Role.coordinator.rawValue,
                                                   municipalities: [SyncBenchmark.municipality])
                let enrolment = try database.deviceRegistry.enroll(code: added.code)
                guard let replica = ReplicaID(enrolment.device.id) else { throw Timing.Failure(description: "bad device id") }
                grant = (replica, enrolment.token)
            }
            let portFile = directory + "/port"
            let server = try spawn(["memory-server", directory + "/server", portFile])
            var port = ""
            for _ in 0..<600 where port.isEmpty {
                port = (try? String(contentsOfFile: portFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                if port.isEmpty { usleep(50_000) }
            }
            let client = try spawn(["memory-client", size > 0 ? "http://127.0.0.1:\(port)" : "-", grant.token,
                                    grant.replica.rawValue, directory + "/client"])
            try waitForChild(client)
            kill(server, SIGTERM)
            try waitForChild(server)
            let clientPeak = try peak(directory + "/client/peak"), serverPeak = try peak(directory + "/server/peak")
            peaks.append((size, clientPeak.mib, serverPeak.mib))
            print(String(format: "  %7d %12.1f %12.1f %10.2f %10.2f   ", size, clientPeak.mib, serverPeak.mib, clientPeak.cpu, serverPeak.cpu)
                  + (size > 0 ? "all" : "(idle)"))
        }
        if peaks.count == 3 {
            print(String(format: "  ratio large/small: client %.2fx, server %.2fx (target < 1.50x)",
                         peaks[2].1 / peaks[1].1, peaks[2].2 / peaks[1].2))
        }
    }

    /// The server child: serve the database in `directory` on an ephemeral port, written
    /// to `portFile`, until SIGTERM.
    static func serve(directory: String, portFile: String) throws -> Never {
        let database = try ServerStore(directory: directory, policy: ForumPolicy())
        let server = SyncServer(database: database, log: { _ in })
        let port = try server.start(host: "127.0.0.1", port: 0)
        try String(port).write(toFile: portFile, atomically: true, encoding: .utf8)
        _ = HTTPServer.waitForTerminationSignal()
        server.shutdown()
        try recordPeak(directory + "/peak")
        exit(0)
    }

    /// The client child: open a fresh replica and, unless `url` is `-`, sync once.
    static func pull(url: String, token: String, replica: String, directory: String) throws -> Never {
        guard let id = ReplicaID(replica) else { exit(3) }
        let local = try LocalReplica(path: directory + "/replica.sqlite", replica: id,
                                     actor: Actor(role: .coordinator, municipalities: [SyncBenchmark.municipality]))
        if url != "-" {
            let transport = try HTTPSyncTransport(baseURL: url, token: token, configuration: ClientConfiguration())
            let summary = try SyncEngine(replica: local, transport: transport, configuration: ClientConfiguration()).sync()
            guard summary.received > 0 else { exit(4) }
        }
        try recordPeak(directory + "/peak")
        exit(0)
    }

    static func spawn(_ arguments: [String]) throws -> pid_t {
        // The executable's real path rather than /proc/self/exe, so that profilers (perf)
        // can find the children's symbols.
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, nil, nil, argv, environ)
        guard result == 0 else { throw Timing.Failure(description: "posix_spawn failed (\(result))") }
        return pid
    }

    /// Waits for `pid`; throws unless it exited with status 0.
    static func waitForChild(_ pid: pid_t) throws {
        var status: Int32 = 0
        guard waitpid(pid, &status, 0) == pid else { throw Timing.Failure(description: "waitpid failed") }
        guard status == 0 else { throw Timing.Failure(description: "child exited with status \(status)") }
    }

    /// Writes this process's peak resident set (`VmHWM`, KiB) and CPU seconds to `path`.
    static func recordPeak(_ path: String) throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        let kib = line.split(separator: " ").dropFirst().first.map(String.init) ?? "0"
        try "\(kib) \(Timing.cpuSeconds())".write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A peak (MiB) and CPU seconds written by `recordPeak`.
    static func peak(_ path: String) throws -> (mib: Double, cpu: Double) {
        let parts = try String(contentsOfFile: path, encoding: .utf8).split(separator: " ")
        guard parts.count == 2, let kib = Double(parts[0]),
              let cpu = Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Timing.Failure(description: "no peak in \(path)")
        }
        return (kib / 1024, cpu)
    }
}
