import FieldClient
import ForumModel
import Foundation
import SQLite
import SyncCore

/// `forum-bench incremental`: 10 records changed on a replica that is up to date with a
/// server holding N records, then one sync (push 10, pull the 10 back with their server
/// sequence). Target: the times at every store size within 1.5× of each other.
///
/// Server and replica are filled by direct imports in batches of 10,000 (the server's
/// `importStates`, the replica's `ReplicaStore.merge`), then the replica's pull cursor is
/// set to the server's last sequence, as after a completed initial sync.
///
/// Each size is timed twice on the same fill: first with the database files as the fill
/// left them in the operating system's page cache, then after reading every file once, as
/// on a machine whose memory holds its databases. The two differ where the machine drops
/// cached file pages: the benchmark VM pages out file pages idle for about 30 seconds
/// (BENCHMARKS.md), so after the three-minute fill of 1,000,000 records most leaves a sync
/// touches come from disk. Each timing comes with the median KiB the process read from
/// storage during a sync (`/proc/self/io`), which shows which case is which.
enum IncrementalBenchmark {
    static func run(sizes: [Int], repeats: Int) throws {
        print("incremental: 10 changed records (4 participants' names, 3 attendances' presence, 3 forums' minutes), push + pull; median of \(repeats) (load \(Timing.loadAverage()))")
        print("  store size   as left: median ms (min-max), KiB from disk   files cached: median ms (min-max), KiB from disk   fill s   files MiB")
        var medians: [(size: Int, left: Double, cached: Double)] = []
        for size in sizes {
            let server = try BenchServer(label: "incremental")
            defer { server.stop() }
            let corpus = ForumCorpus(records: size, municipalities: [SyncBenchmark.municipality], key: "incremental")
            let engine = try server.client(name: "incremental", municipalities: [SyncBenchmark.municipality])
            let fillSeconds = try server.seed(corpus, writer: SyncBenchmark.seedWriter) { states in
                try engine.replica.store.merge(states)
            }
            let connection = try Connection(path: server.directory + "/server/server.sqlite")
            let last = try connection.queryOne("SELECT MAX(seq) FROM record") { try $0.int64(at: 0) } ?? 0
            try engine.replica.store.setCheckpoint("client.pull_cursor", String(last))
            let warmup = try engine.sync()
            guard warmup.received == 0, warmup.sent == 0 else { throw Timing.Failure(description: "replica was not up to date") }

            // Run 0 warms SQLite's own caches and is not counted; the cached runs go on
            // numbering, so every run changes other records to other values.
            let left = try measure(corpus, engine, runs: 0...repeats, counted: 1...repeats)
            let mebibytes = readFiles(under: server.directory)
            let cached = try measure(corpus, engine, runs: (repeats + 1)...(2 * repeats), counted: (repeats + 1)...(2 * repeats))
            let leftTimes = left.map(\.seconds), cachedTimes = cached.map(\.seconds)
            medians.append((corpus.recordCount, Timing.median(leftTimes), Timing.median(cachedTimes)))
            print(String(format: "  %10d   %8.2f (%.2f-%.2f), %6.0f                   %8.2f (%.2f-%.2f), %6.0f                       %6.1f   %9.0f",
                         corpus.recordCount, Timing.median(leftTimes) * 1000, (leftTimes.min() ?? 0) * 1000,
                         (leftTimes.max() ?? 0) * 1000, Timing.median(left.map(\.storageKiB)),
                         Timing.median(cachedTimes) * 1000, (cachedTimes.min() ?? 0) * 1000, (cachedTimes.max() ?? 0) * 1000,
                         Timing.median(cached.map(\.storageKiB)), fillSeconds, mebibytes))
        }
        for (label, values) in [("as left", medians.map(\.left)), ("files cached", medians.map(\.cached))] {
            if let smallest = values.min(), let largest = values.max(), smallest > 0 {
                print(String(format: "  ratio slowest/fastest, %@: %.2fx (target <= 1.50x)", label as NSString, largest / smallest))
            }
        }
    }

    /// One counted sync: its seconds, and the KiB the process read from storage during it.
    struct Sample {
        var seconds: Double
        var storageKiB: Double
    }

    /// Changes and syncs once per run; returns the counted runs.
    static func measure(_ corpus: ForumCorpus, _ engine: SyncEngine, runs: ClosedRange<Int>,
                        counted: ClosedRange<Int>) throws -> [Sample] {
        var samples: [Sample] = []
        for run in runs {
            try change(corpus, in: engine.replica, run: run)
            var summary = SyncSummary()
            let before = ProcessIO.now()
            let seconds = try Timing.measure { summary = try engine.sync() }
            let read = ProcessIO.now().since(before)
            guard summary.sent == 10, summary.received == 10, summary.refused.isEmpty else {
                throw Timing.Failure(description: "sent \(summary.sent), received \(summary.received), refused \(summary.refused.count)")
            }
            if counted.contains(run) { samples.append(Sample(seconds: seconds, storageKiB: Double(read.bytesFromStorage) / 1024)) }
        }
        return samples
    }

    /// Reads every regular file under `directory` once, in 1 MiB pieces, so the operating
    /// system caches it; returns the MiB read.
    static func readFiles(under directory: String) -> Double {
        var bytes = 0
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let name = enumerator?.nextObject() as? String {
            guard let handle = FileHandle(forReadingAtPath: directory + "/" + name) else { continue }
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { bytes += chunk.count }
        }
        return Double(bytes) / 1_048_576
    }

    /// Changes 10 records spread over the store: participants' names, attendances'
    /// presence, forums' minutes.
    static func change(_ corpus: ForumCorpus, in replica: LocalReplica, run: Int) throws {
        for k in 0..<4 {
            let id = corpus.participantID((run * 7919 + k * corpus.participants / 4) % corpus.participants)
            try replica.write(collection: Participant.collection, id: id, values: [Participant.Field.displayName: .string("Ändrad \(run)-\(k)")])
        }
        for k in 0..<3 {
            let attendance = corpus.attendance((run * 104_729 + k * corpus.attendances / 3) % corpus.attendances)
            let present = try replica.state(collection: Attendance.collection, id: attendance.id)?[Attendance.Field.present]
            try replica.write(collection: Attendance.collection, id: attendance.id,
                              values: [Attendance.Field.present: .bool(present == .bool(false))])
        }
        for k in 0..<3 {
            let id = corpus.forumID((run * 31 + k * corpus.forums / 3) % corpus.forums)
            try replica.write(collection: Forum.collection, id: id, values: [Forum.Field.minutes: .string("Protokoll \(run)-\(k)")])
        }
    }
}
