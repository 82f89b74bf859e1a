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

        var raw: [Double] = [], store: [Double] = [], encodeOnly: [Double] = []
        for run in 0..<options.repeats {
            raw.append(try measureRawInsert(batch, directory: options.directory, run: run))
            store.append(try measureStoreMerge(batch, directory: options.directory, run: run))
            encodeOnly.append(measure { for state in batch { _ = state.canonicalJSON } })
        }
        let rawRate = Double(options.records) / median(raw)
        let storeRate = Double(options.records) / median(store)
        print(String(format: "  raw prepared INSERT (pre-encoded rows): %10.0f records/s  (%.3f s)", rawRate, median(raw)))
        print(String(format: "  ReplicaStore.merge (decode-free new):  %10.0f records/s  (%.3f s)", storeRate, median(store)))
        print(String(format: "  of which canonical JSON encoding:       %10.3f s", median(encodeOnly)))
        print(String(format: "  ratio store/raw time: %.2fx (target <= 2.00x)", median(store) / median(raw)))

        print("store: incremental merge of 100 changed records, \(options.repeats) runs (median)")
        var times: [(Int, Double)] = []
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
            var samples: [Double] = []
            for run in 0..<options.repeats {
                let changed = (0..<100).map { offset -> RecordState in
                    var state = makeRecord(index: (offset * 997 + run * 31) % size, replica: replica)
                    _ = try? state.write(["field1": .string("ändrad \(run)")], by: ReplicaID("bench-other")!,
                                         at: HybridTimestamp(wallMillis: 1_764_100_000_000 + Int64(run)))
                    return state
                }
                samples.append(try measureThrowing { try store.merge(changed) })
            }
            times.append((size, median(samples)))
            print(String(format: "  store of %9d records: %.2f ms for 100 changed records", size, median(samples) * 1000))
        }
        if times.count == 2 {
            print(String(format: "  ratio large/small: %.2fx (target <= 1.50x)", times[1].1 / times[0].1))
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

    static func measureRawInsert(_ batch: [RecordState], directory: String, run: Int) throws -> Double {
        let path = "\(directory)/forum-bench-raw-\(getpid())-\(run).sqlite"
        defer { removeDatabase(path) }
        let connection = try Connection(path: path)
        try connection.execute("""
            CREATE TABLE record (rowid INTEGER PRIMARY KEY, collection TEXT NOT NULL, id TEXT NOT NULL,
                                 state BLOB NOT NULL, seq INTEGER NOT NULL);
            CREATE UNIQUE INDEX record_key ON record(collection, id);
            """)
        let rows = batch.enumerated().map { ($0.offset, $0.element.collection, $0.element.id, $0.element.canonicalJSON) }
        return try measureThrowing {
            try connection.transaction {
                let insert = try connection.prepare("INSERT INTO record (collection, id, state, seq) VALUES (?, ?, ?, ?)")
                for (seq, collection, id, bytes) in rows {
                    try insert.execute([.text(collection), .text(id), .blob(bytes), .integer(Int64(seq + 1))])
                }
            }
        }
    }

    static func measureStoreMerge(_ batch: [RecordState], directory: String, run: Int) throws -> Double {
        let path = "\(directory)/forum-bench-store-\(getpid())-\(run).sqlite"
        defer { removeDatabase(path) }
        let store = try ReplicaStore(path: path)
        return try measureThrowing { try store.merge(batch) }
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    static func measure(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func measureThrowing(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
