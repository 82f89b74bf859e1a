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
enum IncrementalBenchmark {
    static func run(sizes: [Int], repeats: Int) throws {
        print("incremental: 10 changed records (4 participants' names, 3 attendances' presence, 3 forums' minutes), push + pull; median of \(repeats) (load \(Timing.loadAverage()))")
        print("  store size     median ms   min ms   max ms   fill s (server + replica)")
        var medians: [(Int, Double)] = []
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

            var samples: [Double] = []
            for run in 0...repeats { // run 0 warms caches and is not counted
                try change(corpus, in: engine.replica, run: run)
                var summary = SyncSummary()
                let seconds = try Timing.measure { summary = try engine.sync() }
                guard summary.sent == 10, summary.received == 10, summary.refused.isEmpty else {
                    throw Timing.Failure(description: "sent \(summary.sent), received \(summary.received), refused \(summary.refused.count)")
                }
                if run > 0 { samples.append(seconds) }
            }
            let sorted = samples.sorted()
            medians.append((size, Timing.median(samples)))
            print(String(format: "  %10d %12.2f %8.2f %8.2f %10.1f", corpus.recordCount, Timing.median(samples) * 1000,
                         (sorted.first ?? 0) * 1000, (sorted.last ?? 0) * 1000, fillSeconds))
        }
        if let smallest = medians.map(\.1).min(), let largest = medians.map(\.1).max(), smallest > 0 {
            print(String(format: "  ratio slowest/fastest: %.2fx (target <= 1.50x)", largest / smallest))
        }
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
