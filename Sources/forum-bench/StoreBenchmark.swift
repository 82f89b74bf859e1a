import Foundation
import ReplicaStore
import SQLite
import SyncCore

/// `forum-bench store`: the replica store against raw SQLite in the same run.
///
/// 1. Merging N new records (10 fields each) into an empty store, against the same rows
///    (pre-encoded canonical JSON) inserted with one plain prepared INSERT in one
///    transaction: records/s for both and the ratio (target: store within 2×).
/// 2. Incremental merge of 100 changed records into stores of 100,000 and 1,000,000
///    records: the two times should be within 1.5× (cost follows the change).
enum StoreBenchmark {
    struct Options {
        var records = 100_000
        var repeats = 5
        var large = 1_000_000
        var directory = FileManager.default.temporaryDirectory.path
    }

    static func run(_ options: Options) throws {
        guard options.records > 0, options.large > 0, options.repeats > 0 else { return }
        let replica = ReplicaID("bench-device")!
        let batch = (0..<options.records).map { makeRecord(index: $0, replica: replica) }
        print("store: merging \(options.records) new records of 10 fields, \(options.repeats) runs (median)")

        var raw: [Timing] = [], slim: [Timing] = [], store: [Timing] = [], encodeOnly: [Timing] = []
        for run in 0..<options.repeats {
            raw.append(try measureRawInsert(batch, directory: options.directory, run: run, schema: .store))
            slim.append(try measureRawInsert(batch, directory: options.directory, run: run, schema: .slim))
            store.append(try measureStoreMerge(batch, directory: options.directory, run: run))
            encodeOnly.append(measure { for state in batch { _ = state.canonicalJSON } })
        }
        let n = Double(options.records)
        print("                                          wall records/s   CPU records/s")
        print(String(format: "  baseline: same rows, plain INSERT       %14.0f %15.0f", n / median(raw.map(\.wall)), n / median(raw.map(\.cpu))))
        print(String(format: "  reference: key+blob table, plain INSERT %14.0f %15.0f", n / median(slim.map(\.wall)), n / median(slim.map(\.cpu))))
        print(String(format: "  ReplicaStore.merge (new records):       %14.0f %15.0f", n / median(store.map(\.wall)), n / median(store.map(\.cpu))))
        print(String(format: "  of which canonical JSON encoding:       %12.3f s %13.3f s", median(encodeOnly.map(\.wall)), median(encodeOnly.map(\.cpu))))
        print(String(format: "  ratio store/baseline: wall %.2fx, CPU %.2fx (target <= 2.00x)",
                     median(store.map(\.wall)) / median(raw.map(\.wall)), median(store.map(\.cpu)) / median(raw.map(\.cpu))))
        print(String(format: "  ratio store/reference: wall %.2fx, CPU %.2fx",
                     median(store.map(\.wall)) / median(slim.map(\.wall)), median(store.map(\.cpu)) / median(slim.map(\.cpu))))

        print("store: incremental merge of 100 changed records, \(options.repeats) runs (median)")
        var times: [(Int, Timing)] = []
        for size in [options.records, options.large] {
            let path = "\(options.directory)/forum-bench-incremental-\(size)-\(getpid()).sqlite"
            defer { removeDatabase(path) }
            let store = try ReplicaStore(path: path)
            var index = 0
            while index < size {
                let end = min(size, index + 10_000)
                try store.merge((index..<end).map { makeRecord(index: $0, replica: replica) })
                index = end
            }
            var samples: [Timing] = []
            for run in 0..<options.repeats {
                let changed = (0..<100).map { offset -> RecordState in
                    var state = makeRecord(index: (offset * 997 + run * 31) % size, replica: replica)
                    _ = try? state.write(["field1": .string("ändrad \(run)")], by: ReplicaID("bench-other")!,
                                         at: HybridTimestamp(wallMillis: 1_764_100_000_000 + Int64(run)))
                    return state
                }
                samples.append(try measureThrowing { try store.merge(changed) })
            }
            let result = Timing(wall: median(samples.map(\.wall)), cpu: median(samples.map(\.cpu)))
            times.append((size, result))
            print(String(format: "  store of %9d records: wall %.2f ms, CPU %.2f ms for 100 changed records",
                         size, result.wall * 1000, result.cpu * 1000))
        }
        if times.count == 2 {
            print(String(format: "  ratio large/small: wall %.2fx, CPU %.2fx (target <= 1.50x)",
                         times[1].1.wall / times[0].1.wall, times[1].1.cpu / times[0].1.cpu))
        }
    }

    static func makeRecord(index: Int, replica: ReplicaID) -> RecordState {
        var state = RecordState(collection: "attendance", id: String(format: "r%08d", index))
        var values: [String: JSONValue] = [:]
        for field in 0..<10 {
            values["field\(field)"] = field % 3 == 0 ? .integer(Int64(index * 10 + field)) : .string("värde \(field) för post \(index)")
        }
        _ = try? state.write(values, by: replica, at: HybridTimestamp(wallMillis: 1_764_000_000_000 + Int64(index)))
        return state
    }

    enum BaselineSchema { case store, slim }

    /// The same rows the store writes, pre-encoded, inserted with one plain prepared INSERT
    /// in one transaction: into the store's own `record` table (`.store`: what the store's
    /// bookkeeping costs on top of SQLite) or into a bare key+blob table (`.slim`).
    static func measureRawInsert(_ batch: [RecordState], directory: String, run: Int,
                                 schema: BaselineSchema) throws -> Timing {
        let path = "\(directory)/forum-bench-raw-\(getpid())-\(run).sqlite"
        defer { removeDatabase(path) }
        let connection: Connection
        switch schema {
        case .store:
            connection = try ReplicaStore(path: path).connection
        case .slim:
            connection = try Connection(path: path)
            try connection.execute("""
                CREATE TABLE record (rowid INTEGER PRIMARY KEY, collection TEXT NOT NULL, id TEXT NOT NULL,
                                     state BLOB NOT NULL, seq INTEGER NOT NULL);
                CREATE UNIQUE INDEX record_key ON record(collection, id);
                """)
        }
        let rows = batch.enumerated().map { ($0.offset, $0.element.collection, $0.element.id, $0.element.canonicalJSON) }
        let sql = schema == .slim ? "INSERT INTO record (collection, id, state, seq) VALUES (?, ?, ?, ?)" : """
            INSERT INTO record (collection, id, state, seq, deleted, conflict, conflict_fields, conflict_since,
                review_flags, pending_seq, updated_at) VALUES (?, ?, ?, ?, 0, 0, NULL, NULL, NULL, NULL, 1764000000000)
            """
        return try measureThrowing {
            try connection.transaction {
                let insert = try connection.prepare(sql)
                for (seq, collection, id, bytes) in rows {
                    try insert.execute([.text(collection), .text(id), .blob(bytes), .integer(Int64(seq + 1))])
                }
            }
        }
    }

    static func measureStoreMerge(_ batch: [RecordState], directory: String, run: Int) throws -> Timing {
        let path = "\(directory)/forum-bench-store-\(getpid())-\(run).sqlite"
        defer { removeDatabase(path) }
        let store = try ReplicaStore(path: path)
        return try measureThrowing { try store.merge(batch) }
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Wall-clock and CPU seconds of one run. CPU time (this process, all threads) is far
    /// less sensitive to other processes on a shared machine than wall-clock time.
    struct Timing {
        var wall: Double
        var cpu: Double
    }

    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func measure(_ body: () -> Void) -> Timing {
        let start = DispatchTime.now().uptimeNanoseconds, cpu = cpuSeconds()
        body()
        return Timing(wall: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu: cpuSeconds() - cpu)
    }

    static func measureThrowing(_ body: () throws -> Void) throws -> Timing {
        let start = DispatchTime.now().uptimeNanoseconds, cpu = cpuSeconds()
        try body()
        return Timing(wall: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, cpu: cpuSeconds() - cpu)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
