import FieldClient
import ForumModel
import Foundation
import SyncCore

/// `forum-bench localwrite`: records of ForumCorpus's shape created through
/// `LocalReplica.write` (every domain rule checked, as a coordinator of the corpus's
/// municipality), against the plain-INSERT baseline measured in the same run
/// (`StoreBenchmark.measureRawInsert`, schema `.store`: the same final rows, pre-encoded, in
/// one transaction). Target (issue 21): within 3x the baseline.
///
/// Two groupings are measured, each on a fresh replica file:
/// 1. **Grouped** (the figure the target is about): the writes in `LocalReplica.transaction`
///    scopes of `batch` records each, as a bulk path (an import, a handover) groups them;
///    each scope is committed before the next begins.
/// 2. **Single**: the first `single` records written one call at a time, each committed on
///    its own before `write` returns, as a facilitator's edit is; reported per write.
///
/// 3. **Import**: the first `import` records as another replica's states, re-applied by
///    `LocalReplica.reapply` (what `forum import` does with an export file).
///
/// The writes (ids, field values) are built before the clock starts: building them is the
/// corpus's work, not the write path's. An honorarium is up to three writes (proposed,
/// approved, paid), so N records are about 1.4 N writes.
enum LocalWriteBenchmark {
    static let municipality = "Södertälje"

    static func run(records: Int, repeats: Int, batch: Int, single: Int, importRecords: Int) throws {
        let corpus = ForumCorpus(records: records, municipalities: [municipality], key: "localwrite")
        let replicaID = ReplicaID("bench-localwrite")!
        let writes = (0..<corpus.recordCount).map { corpus.writes(record: $0) }
        let writeCount = writes.reduce(0) { $0 + $1.count }
        let states = corpus.states(0..<corpus.recordCount, replica: replicaID)
        let directory = FileManager.default.temporaryDirectory.path + "/forum-bench-localwrite-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        print("localwrite: \(corpus.recordCount) records (\(writeCount) writes) through LocalReplica.write, rules checked (coordinator),")
        print("  \(batch) records per LocalReplica.transaction; baseline raw INSERT of the same rows; \(repeats) runs (load \(Timing.loadAverage()))")

        var raws: [StoreBenchmark.Timing] = [], grouped: [StoreBenchmark.Timing] = [], singles: [StoreBenchmark.Timing] = []
        var imports: [StoreBenchmark.Timing] = []
        let exported = corpus.states(0..<min(importRecords, corpus.recordCount), replica: ReplicaID("bench-lost-laptop")!)
        for run in 0..<repeats {
            raws.append(try StoreBenchmark.measureRawInsert(states, directory: directory, run: run, schema: .store))
            grouped.append(try measureGrouped(writes, batch: batch, replica: replicaID, path: "\(directory)/grouped-\(run).sqlite"))
            if single > 0 {
                singles.append(try measureSingle(writes.prefix(single), replica: replicaID, path: "\(directory)/single-\(run).sqlite"))
            }
            imports.append(try measureImport(exported, replica: replicaID, path: "\(directory)/import-\(run).sqlite"))
            let ratio = grouped[run].wall / raws[run].wall
            print(String(format: "  run %d: baseline %.3f s (CPU %.3f), grouped writes %.3f s (CPU %.3f), ratio %.2fx",
                         run + 1, raws[run].wall, raws[run].cpu, grouped[run].wall, grouped[run].cpu, ratio))
        }
        print("  case                          median s  (min-max)            CPU s  (min-max)")
        printLine("baseline: plain INSERT", raws)
        printLine("LocalReplica.write, grouped", grouped)
        let wallRatio = median(grouped.map(\.wall)) / median(raws.map(\.wall))
        let cpuRatio = median(grouped.map(\.cpu)) / median(raws.map(\.cpu))
        print(String(format: "  ratio grouped/baseline: wall %.2fx, CPU %.2fx (target <= 3.00x); per write %.1f µs",
                     wallRatio, cpuRatio, median(grouped.map(\.wall)) / Double(writeCount) * 1e6))
        if !singles.isEmpty {
            let count = writes.prefix(single).reduce(0) { $0 + $1.count }
            let perWrite = singles.map { $0.wall / Double(count) * 1000 }
            let perWriteCPU = singles.map { $0.cpu / Double(count) * 1000 }
            print(String(format: "  single writes, each committed on return (%d writes): %.3f ms per write (%.3f-%.3f), CPU %.3f ms",
                         count, median(perWrite), perWrite.min() ?? 0, perWrite.max() ?? 0, median(perWriteCPU)))
        }
        let importWalls = imports.map(\.wall)
        print(String(format: "  import (LocalReplica.reapply, as forum import) of %d records: %.3f s (%.3f-%.3f), CPU %.3f s",
                     exported.count, median(importWalls), importWalls.min() ?? 0, importWalls.max() ?? 0, median(imports.map(\.cpu))))
    }

    /// `forum import`'s work: another replica's states re-applied here (`reapply`).
    static func measureImport(_ states: [RecordState], replica: ReplicaID, path: String) throws -> StoreBenchmark.Timing {
        let local = try LocalReplica(path: path, replica: replica, actor: Actor(role: .coordinator, municipalities: [municipality]))
        defer { StoreBenchmark.removeDatabase(path) }
        var summary = HandoverSummary()
        let timing = try StoreBenchmark.measureThrowing { summary = try local.reapply(states) }
        guard summary.written == states.count else {
            throw Timing.Failure(description: "import wrote \(summary.written) of \(states.count), refused \(summary.refused.count)")
        }
        return timing
    }

    /// All writes, `batch` records per transaction, on a fresh replica at `path`.
    static func measureGrouped(_ writes: [[ForumCorpus.Write]], batch: Int, replica: ReplicaID,
                               path: String) throws -> StoreBenchmark.Timing {
        let local = try LocalReplica(path: path, replica: replica, actor: Actor(role: .coordinator, municipalities: [municipality]))
        defer { StoreBenchmark.removeDatabase(path) }
        return try StoreBenchmark.measureThrowing {
            var start = 0
            while start < writes.count {
                let end = min(writes.count, start + batch)
                try local.transaction { () throws(ClientError) in
                    for record in writes[start..<end] {
                        for write in record { try local.write(collection: write.collection, id: write.id, values: write.values) }
                    }
                }
                start = end
            }
        }
    }

    /// Every write of `writes` on its own, committed before the next, on a fresh replica.
    static func measureSingle(_ writes: ArraySlice<[ForumCorpus.Write]>, replica: ReplicaID,
                              path: String) throws -> StoreBenchmark.Timing {
        let local = try LocalReplica(path: path, replica: replica, actor: Actor(role: .coordinator, municipalities: [municipality]))
        defer { StoreBenchmark.removeDatabase(path) }
        return try StoreBenchmark.measureThrowing {
            for record in writes {
                for write in record { try local.write(collection: write.collection, id: write.id, values: write.values) }
            }
        }
    }

    static func median(_ values: [Double]) -> Double { StoreBenchmark.median(values) }

    static func printLine(_ name: String, _ timings: [StoreBenchmark.Timing]) {
        let walls = timings.map(\.wall), cpus = timings.map(\.cpu)
        print("  " + name.padding(toLength: 28, withPad: " ", startingAt: 0)
              + String(format: " %8.3f  (%.3f-%.3f)   %8.3f  (%.3f-%.3f)", median(walls), walls.min() ?? 0, walls.max() ?? 0,
                       median(cpus), cpus.min() ?? 0, cpus.max() ?? 0))
    }
}
