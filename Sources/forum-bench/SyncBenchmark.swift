import FieldClient
import ForumModel
import Foundation
import SyncCore
import SyncServer

/// `forum-bench initial|push|incremental`: a real `FieldClient` syncing with a real
/// `SyncServer` over loopback HTTP (in-process, 127.0.0.1, ephemeral port), against a
/// baseline measured in the same run: the same rows (pre-encoded canonical JSON) inserted
/// into a table of the replica store's schema with one plain prepared INSERT each, in one
/// transaction (`StoreBenchmark.measureRawInsert`, schema `.store`).
enum SyncBenchmark {
    static let municipality = "Södertälje"
    static let seedWriter = ReplicaID("bench-seed")!

    /// 1. A fresh replica pulls N records (target: 100,000 within 3× the baseline).
    static func initial(sizes: [Int], repeats: Int, pageSize: Int = 500,
                        recordsPerTransaction: Int = ClientConfiguration().pullRecordsPerTransaction,
                        prefetchPages: Int = ClientConfiguration().pullPrefetchPages) throws {
        print("initial: a fresh replica pulls N records in pages of \(pageSize), \(recordsPerTransaction) per transaction, \(prefetchPages) fetched ahead; baseline raw INSERT; median of \(repeats) (load \(Timing.loadAverage()))")
        printHeader()
        for size in sizes {
            let server = try BenchServer(label: "initial")
            defer { server.stop() }
            let corpus = ForumCorpus(records: size, municipalities: [municipality], key: "initial")
            let seedSeconds = try server.seed(corpus, writer: seedWriter)
            let states = corpus.states(0..<corpus.recordCount, replica: seedWriter)
            var syncs: [Double] = [], cpus: [Double] = [], raws: [Double] = [], rawCPUs: [Double] = []
            for run in 0..<repeats {
                let raw = try StoreBenchmark.measureRawInsert(states, directory: server.directory, run: run, schema: .store)
                raws.append(raw.wall)
                rawCPUs.append(raw.cpu)
                try autoreleasepool {
                    let engine = try server.client(name: "initial-\(run)", municipalities: [municipality],
                                                   configuration: ClientConfiguration(pullPageSize: pageSize,
                                                                                      pullRecordsPerTransaction: recordsPerTransaction,
                                                                                      pullPrefetchPages: prefetchPages))
                    var received = 0
                    let time = try Timing.measureBoth { received = try engine.sync().received }
                    syncs.append(time.wall)
                    cpus.append(time.cpu)
                    guard received == corpus.recordCount else {
                        throw Timing.Failure(description: "pulled \(received) of \(corpus.recordCount) records")
                    }
                }
                StoreBenchmark.removeDatabase("\(server.directory)/clients/initial-\(run).sqlite")
            }
            printRow("pull \(corpus.recordCount)", records: corpus.recordCount, seconds: syncs, baseline: raws, cpu: cpus,
                     baselineCPU: rawCPUs)
            print(String(format: "    (server seeded by direct import in %.1f s)", seedSeconds))
        }
        print("  target: pull of 100,000 within 3.00x the baseline")
    }

    /// 2. A replica pushes N locally created records (same baseline, same target).
    static func push(sizes: [Int], repeats: Int) throws {
        print("push: a replica pushes N locally created records; baseline raw INSERT; median of \(repeats) (load \(Timing.loadAverage()))")
        printHeader()
        for size in sizes {
            var pushes: [Double] = [], totals: [Double] = [], raws: [Double] = [], creates: [Double] = []
            var pushCPUs: [Double] = [], rawCPUs: [Double] = [], serverShares: [Double] = [], imports: [Double] = []
            var importCPUs: [Double] = []
            var count = 0
            for run in 0..<repeats {
                let server = try BenchServer(label: "push")
                defer { server.stop() }
                let corpus = ForumCorpus(records: size, municipalities: [municipality], key: "push")
                count = corpus.recordCount
                let engine = try server.client(name: "push", municipalities: [municipality])
                creates.append(try Timing.measure { try create(corpus, in: engine.replica) })
                let states = corpus.states(0..<corpus.recordCount, replica: engine.replica.replica)
                let raw = try StoreBenchmark.measureRawInsert(states, directory: server.directory, run: run, schema: .store)
                raws.append(raw.wall)
                rawCPUs.append(raw.cpu)
                var pushEnd = Timing.now(), pushEndCPU = Timing.cpuSeconds()
                let start = Timing.now(), startCPU = Timing.cpuSeconds()
                let summary = try engine.sync { progress in
                    if case .pushed = progress { pushEnd = Timing.now(); pushEndCPU = Timing.cpuSeconds() }
                }
                pushCPUs.append(pushEndCPU - startCPU)
                totals.append(Double(Timing.now() - start) / 1e9)
                pushes.append(Double(pushEnd - start) / 1e9)
                if let answering = server.secondsAnswering("/v1/sync/push"), let push = pushes.last, push > 0 {
                    serverShares.append(answering / push)
                }
                guard summary.sent == count, summary.refused.isEmpty, summary.received == count else {
                    throw Timing.Failure(description: "sent \(summary.sent), refused \(summary.refused.count), received \(summary.received) of \(count)")
                }
                let stored = try serverImport(corpus)
                imports.append(stored.wall)
                importCPUs.append(stored.cpu)
            }
            printRow("push \(count)", records: count, seconds: pushes, baseline: raws, cpu: pushCPUs, baselineCPU: rawCPUs)
            printRow("  push + pull back", records: count, seconds: totals, baseline: raws)
            print(String(format: "    (local writes through LocalReplica.write, 1,000 per transaction: %.1f s)", Timing.median(creates)))
            print(String(format: "    (the server's storing alone, importStates of the same records 10,000 per transaction, no policy check, no HTTP: %.2f s, %.2fx the baseline; CPU %.2f s, %.2fx the baseline's)",
                         Timing.median(imports), Timing.median(imports) / Timing.median(raws),
                         Timing.median(importCPUs), Timing.median(importCPUs) / Timing.median(rawCPUs)))
            print("    (each run, push s / baseline s / storing alone s: "
                  + zip(zip(pushes, raws), imports).map { String(format: "%.2f/%.3f/%.2f", $0.0.0, $0.0.1, $0.1) }
                      .joined(separator: ", ") + ")")
            if !serverShares.isEmpty {
                print(String(format: "    (the server spent %.0f %% of the push answering push requests: /metrics, forum_request_duration_seconds)",
                             Timing.median(serverShares) * 100))
            }
        }
        print("  target: push of 100,000 within 6.00x the baseline, the storing alone within 3.00x")
    }

    /// `forum-bench storing`: the server's storing alone (`serverImport`) against the
    /// baseline, alternating in each run, without the client or HTTP: the figure the push
    /// prints as "the server's storing alone", quick enough to profile (`perf record`).
    static func storing(records: Int, repeats: Int, carry: Int = SyncServerConfiguration().lookupCarryCapacity) throws {
        print("storing: importStates of \(records) records, 10,000 per transaction, vs raw INSERT; lookup carry \(carry); median of \(repeats) (load \(Timing.loadAverage()))")
        var configuration = SyncServerConfiguration()
        configuration.lookupCarryCapacity = carry
        let corpus = ForumCorpus(records: records, municipalities: [municipality], key: "push")
        let states = corpus.states(0..<corpus.recordCount, replica: seedWriter)
        let directory = FileManager.default.temporaryDirectory.path
        var imports: [Double] = [], importCPUs: [Double] = [], raws: [Double] = [], rawCPUs: [Double] = []
        var floor: StoringFloor?
        var floors: [Double] = [], floorCPUs: [Double] = [], databaseFloors: [Double] = []
        for run in 0..<repeats {
            let raw = try StoreBenchmark.measureRawInsert(states, directory: directory, run: run, schema: .store)
            raws.append(raw.wall)
            rawCPUs.append(raw.cpu)
            let stored = try serverImport(corpus, configuration: configuration) { directory in
                if floor == nil { floor = try StoringFloor(readingImportIn: directory) }
            }
            imports.append(stored.wall)
            importCPUs.append(stored.cpu)
            if let floor {
                let written = try floor.measure(configuration: SyncServerConfiguration())
                floors.append(written.wall)
                floorCPUs.append(written.cpu)
                databaseFloors.append(try floor.measure(configuration: SyncServerConfiguration(), withLedger: false).wall)
            }
        }
        print(String(format: "  storing alone: %.2f s (%.2f-%.2f), %.2fx the baseline's %.3f s; CPU %.2f s, %.2fx",
                     Timing.median(imports), imports.min() ?? 0, imports.max() ?? 0,
                     Timing.median(imports) / Timing.median(raws), Timing.median(raws),
                     Timing.median(importCPUs), Timing.median(importCPUs) / Timing.median(rawCPUs)))
        print("  each run, storing s / baseline s: "
              + zip(imports, raws).map { String(format: "%.2f/%.3f", $0, $1) }.joined(separator: ", "))
        if let floor, !floors.isEmpty {
            let rows = floor.rowsPerRecord
            print(String(format: "  floor: the rows the storing leaves (per record %.2f field index, %.2f tags, %.2f shadows), written again with plain INSERTs, 10,000 records per transaction, the server's synchronous: %.2f s (%.2f-%.2f), %.2fx the baseline; CPU %.2f s, %.2fx",
                         rows.fields, rows.tags, rows.shadows, Timing.median(floors), floors.min() ?? 0, floors.max() ?? 0,
                         Timing.median(floors) / Timing.median(raws), Timing.median(floorCPUs),
                         Timing.median(floorCPUs) / Timing.median(rawCPUs)))
            print(String(format: "  of which the database's rows alone (no ledger): %.2f s (%.2f-%.2f), %.2fx the baseline",
                         Timing.median(databaseFloors), databaseFloors.min() ?? 0, databaseFloors.max() ?? 0,
                         Timing.median(databaseFloors) / Timing.median(raws)))
            print(String(format: "  storing / floor: %.2fx wall, %.2fx CPU",
                         Timing.median(imports) / Timing.median(floors), Timing.median(importCPUs) / Timing.median(floorCPUs)))
        }
    }

    /// Seconds a fresh server takes to store `corpus` through `RecordsOffice.importStates`
    /// in batches of 10,000: the merge, scope tags, review flags and dependent refresh a
    /// push also does, without the policy check, HTTP or the client. A floor for the
    /// server's part of a push. The states are built before the clock starts.
    ///
    /// - Parameter inspect: called with the server's data directory after the storing,
    ///   before it is deleted.
    static func serverImport(_ corpus: ForumCorpus, configuration: SyncServerConfiguration = .init(),
                             inspect: ((String) throws -> Void)? = nil) throws -> (wall: Double, cpu: Double) {
        let server = try BenchServer(label: "push-import", configuration: configuration)
        defer { server.stop() }
        let batches = stride(from: 0, to: corpus.recordCount, by: 10_000).map { start in
            corpus.states(start..<min(corpus.recordCount, start + 10_000), replica: seedWriter)
        }
        let time = try Timing.measureBoth {
            for batch in batches { try server.database.recordsOffice.importStates(batch) }
        }
        try inspect?(server.directory + "/server")
        return time
    }

    /// Writes the corpus through the client's own write path (rules checked), in
    /// transactions of 1,000 records.
    static func create(_ corpus: ForumCorpus, in replica: LocalReplica) throws {
        var start = 0
        while start < corpus.recordCount {
            let end = min(corpus.recordCount, start + 1000)
            try replica.transaction { () throws(ClientError) in
                for index in start..<end {
                    for write in corpus.writes(record: index) {
                        try replica.write(collection: write.collection, id: write.id, values: write.values)
                    }
                }
            }
            start = end
        }
    }

    static func printHeader() {
        print("  case                     records     median s   records/s  baseline s   ratio    cpu s  cpu ratio")
    }

    /// One table row; `cpu`: CPU seconds of this process (client and server threads both),
    /// compared with the baseline's CPU seconds.
    static func printRow(_ name: String, records: Int, seconds: [Double], baseline: [Double], cpu: [Double] = [],
                         baselineCPU: [Double] = []) {
        let time = Timing.median(seconds), base = Timing.median(baseline)
        var line = "  " + name.padding(toLength: 22, withPad: " ", startingAt: 0)
            + String(format: " %9d %12.3f %11.0f %11.3f %7.2fx", records, time, Double(records) / time, base, time / base)
        if !cpu.isEmpty, !baselineCPU.isEmpty {
            line += String(format: " %8.3f %9.2fx", Timing.median(cpu), Timing.median(cpu) / Timing.median(baselineCPU))
        }
        print(line)
    }
}

/// Linux has no autorelease pool; this only scopes `body` so its objects are released.
func autoreleasepool<T>(_ body: () throws -> T) rethrows -> T { try body() }
