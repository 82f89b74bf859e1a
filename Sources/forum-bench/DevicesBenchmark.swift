import FieldClient
import ForumModel
import Foundation
import SyncCore
import SyncServer

/// `forum-bench devices`: N field clients, each a thread with its own `LocalReplica`
/// (SQLite file) and `HTTPSyncTransport` (URLSession), against one in-process server.
/// Each repeatedly makes a few writes (a new participant, their attendance at a forum of
/// its municipality, the minutes of that forum, which devices of the same municipality
/// edit concurrently) and syncs (push, then pull until done). Reports syncs per second,
/// p50/p99 latency of a sync, errors (target 0), and checks at the end that every
/// replica holds exactly the server's states of the records in its scope.
enum DevicesBenchmark {
    static let municipalities = ["Södertälje", "Norrtälje", "Nacka", "Huddinge", "Botkyrka",
                                 "Solna", "Täby", "Järfälla", "Haninge", "Tyresö"]

    /// Hands one engine to the one thread that uses it.
    final class EngineBox: @unchecked Sendable {
        let engine: SyncEngine
        init(_ engine: SyncEngine) { self.engine = engine }
    }

    /// Shared tallies, guarded by a lock.
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var latencies: [Double] = []
        var errors: [String: Int] = [:]
        var writes = 0
        var conflicts = 0
        func add(latency: Double, writes count: Int, conflicts found: Int) {
            lock.withLock { latencies.append(latency); writes += count; conflicts += found }
        }
        func fail(_ code: String) { lock.withLock { errors[code, default: 0] += 1 } }
    }

    /// Closed loop: every device writes and syncs again as soon as its last sync ended, for
    /// `seconds`, at each of `deviceCounts`, once per group-commit mode in `groupCommit`
    /// (off and on in the same run, so their figures compare).
    static func run(deviceCounts: [Int], seconds: Int, writesPerRound: Int, groupCommit: [Bool] = [false, true],
                    synchronous: CommitSynchronous = .full, windowMicroseconds: Int = 0) throws {
        print("devices: N clients write \(writesPerRound) records and sync, repeatedly for \(seconds) s, server synchronous=\(synchronous.rawValue), group window \(windowMicroseconds) µs (load \(Timing.loadAverage()))")
        print("  group  devices   syncs   syncs/s   p50 ms   p99 ms   writes  conflicts  errors  converged")
        for count in deviceCounts {
            for grouped in groupCommit {
                try runOnce(devices: count, seconds: seconds, writesPerRound: writesPerRound, groupCommit: grouped,
                            synchronous: synchronous, windowMicroseconds: windowMicroseconds)
            }
        }
        print("  target: zero errors and every replica converged; group commit on >= 2x the syncs/s of off")
    }

    /// Open loop: `count` devices each write `writesPerRound` records and sync every
    /// `interval` seconds (each starting at a random offset within the first interval),
    /// for `seconds`, whatever the server's speed: the arrival rate a real fleet gives.
    /// Latency is a sync's (push, then pull until done), measured from its scheduled start,
    /// so a device that fell behind counts its wait.
    static func openLoop(devices count: Int, interval: Int, seconds: Int, writesPerRound: Int,
                         groupCommit: [Bool] = [true], synchronous: CommitSynchronous = .full) throws {
        print("devices-open: \(count) clients each write \(writesPerRound) records and sync every \(interval) s for \(seconds) s, server synchronous=\(synchronous.rawValue) (load \(Timing.loadAverage()))")
        print("  group  devices   syncs   syncs/s   p50 ms   p99 ms   writes  conflicts  errors  converged")
        for grouped in groupCommit {
            try runOnce(devices: count, seconds: seconds, writesPerRound: writesPerRound, groupCommit: grouped,
                        interval: Double(interval), synchronous: synchronous)
        }
        print("  target: p99 <= 50 ms, zero errors and every replica converged")
    }

    /// One run; `interval` `nil`: closed loop, else each device's period in seconds.
    static func runOnce(devices count: Int, seconds: Int, writesPerRound: Int, groupCommit: Bool,
                        interval: Double? = nil, synchronous: CommitSynchronous = .full,
                        windowMicroseconds: Int = 0) throws {
        // Each device holds up to two connections during a sync (its pooled pull connection
        // and a fresh one per push): the default 256 answered 503 to some of 200 devices.
        var configuration = SyncServerConfiguration()
        configuration.http.maxConcurrentConnections = max(configuration.http.maxConcurrentConnections, 4 * count + 64)
        // Every simulated device connects from 127.0.0.1, which a real office would not.
        configuration.http.maxConnectionsPerAddress = configuration.http.maxConcurrentConnections
        configuration.groupCommit.enabled = groupCommit
        configuration.synchronous = synchronous
        configuration.groupCommit.windowMilliseconds = Double(windowMicroseconds) / 1000
        let server = try BenchServer(label: "devices", configuration: configuration)
        defer { server.stop() }
        let corpus = ForumCorpus(records: 2_000, municipalities: municipalities, key: "devices")
        try server.seed(corpus, writer: SyncBenchmark.seedWriter)
        var engines: [SyncEngine] = []
        var tags: [[String]] = []
        for index in 0..<count {
            let municipality = municipalities[index % municipalities.count]
            let engine = try server.client(name: "device-\(index)", municipalities: [municipality])
            engines.append(engine)
            tags.append(["m:" + municipality])
            try engine.sync()
        }
        let tally = Tally()
        let started = Timing.now()
        let deadline = started + UInt64(seconds) * 1_000_000_000
        let group = DispatchGroup()
        for (index, engine) in engines.enumerated() {
            group.enter()
            let box = EngineBox(engine) // each engine is used by its own thread only
            let offset = interval.map { UInt64(Double.random(in: 0..<$0) * 1e9) } ?? 0
            let thread = Thread {
                let engine = box.engine
                defer { group.leave() }
                var round = 0
                var scheduled = started + offset
                while Timing.now() < deadline {
                    if let interval {
                        let now = Timing.now()
                        if scheduled > now { usleep(useconds_t((scheduled - now) / 1000)) }
                        guard scheduled < deadline else { break }
                    }
                    do {
                        try write(round: round, device: index, count: writesPerRound, corpus: corpus, replica: engine.replica)
                        let start = interval == nil ? Timing.now() : scheduled
                        let summary = try engine.sync()
                        tally.add(latency: Double(Timing.now() - start) / 1e9, writes: writesPerRound, conflicts: summary.conflicts)
                        if !summary.refused.isEmpty { tally.fail("refused:" + (summary.refused.first?.code ?? "")) }
                    } catch let error as ClientError {
                        tally.fail(error.code.rawValue + (error.detailCode.map { ":" + $0 } ?? ""))
                    } catch {
                        tally.fail(String(describing: type(of: error)))
                    }
                    round += 1
                    if let interval { scheduled += UInt64(interval * 1e9) }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        let elapsed = Double(Timing.now() - started) / 1e9
        // Two quiet rounds: the first pushes what is left, the second pulls everyone's last pushes.
        for _ in 0..<2 {
            for engine in engines {
                do { try engine.sync() } catch { tally.fail("final:" + error.code.rawValue) }
            }
        }
        var converged = 0
        for (engine, scope) in zip(engines, tags) {
            let expected = try server.canonicalStates(tags: scope)
            let held = try engine.replica.store.connection.query("SELECT collection, id, state FROM record") {
                (try $0.text(at: 0), try $0.text(at: 1), try $0.blob(at: 2))
            }
            var actual: [String: [UInt8]] = [:]
            for (collection, id, bytes) in held { actual[collection + "/" + id] = try RecordState(jsonBytes: bytes).canonicalJSON }
            if actual == expected, try engine.replica.pendingCount() == 0 { converged += 1 }
        }
        let sorted = tally.latencies.sorted()
        let p50 = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let p99 = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        let errors = tally.errors.values.reduce(0, +)
        print("  " + (groupCommit ? "on" : "off").padding(toLength: 5, withPad: " ", startingAt: 0) + String(format: " %7d %7d %9.1f %8.1f %8.1f %8d %10d %7d", count, sorted.count, Double(sorted.count) / elapsed,
                     p50 * 1000, p99 * 1000, tally.writes, tally.conflicts, errors) + "   \(converged)/\(count)")
        if !tally.errors.isEmpty { print("    errors by code: \(tally.errors.sorted { $0.key < $1.key })") }
    }

    /// `count` writes of one round: a new participant, their attendance at a forum of the
    /// device's municipality, then that forum's minutes (shared with other devices).
    static func write(round: Int, device: Int, count: Int, corpus: ForumCorpus, replica: LocalReplica) throws {
        let municipality = municipalities[device % municipalities.count]
        let forumsHere = (corpus.forums + municipalities.count - 1 - device % municipalities.count) / municipalities.count
        let forumIndex = device % municipalities.count + municipalities.count * ((round + device) % max(1, forumsHere))
        let forumID = corpus.forumID(forumIndex)
        var participantID = ""
        try replica.transaction { () throws(ClientError) in
            for step in 0..<count {
                switch step % 3 {
                case 0:
                    participantID = RecordID.derived(collection: Participant.collection,
                                                     naturalKey: ["bench-device", String(device), String(round), String(step)])
                    let participant = Participant(id: participantID, displayName: "Ny deltagare \(device)-\(round)",
                                                  municipality: municipality, anonymous: step % 2 == 0)
                    try replica.write(collection: Participant.collection, id: participantID, values: participant.fields)
                case 1:
                    let attendance = Attendance(forumID: forumID, participantID: participantID, role: .participant)
                    try replica.write(collection: Attendance.collection, id: attendance.id, values: attendance.fields)
                default:
                    try replica.write(collection: Forum.collection, id: forumID,
                                      values: [Forum.Field.minutes: .string("Anteckning från enhet \(device), runda \(round)")])
                }
            }
        }
    }
}
