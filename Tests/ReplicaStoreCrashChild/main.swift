// Test helper for ReplicaStoreTests' crash-safety test: merges a large batch with a
// checkpoint into the store at argv[1] and is killed with SIGKILL by the test mid-way.
// Usage: ReplicaStoreCrashChild DB-PATH BATCH-NUMBER RECORD-COUNT
import Foundation
import ReplicaStore
import SyncCore

let arguments = CommandLine.arguments
guard arguments.count == 4, let batchNumber = Int(arguments[2]), let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: ReplicaStoreCrashChild DB BATCH COUNT\n".utf8))
    exit(64)
}
guard let replica = ReplicaID("crash-child") else { exit(70) }
do {
    let store = try ReplicaStore(path: arguments[1])
    var batch: [RecordState] = []
    batch.reserveCapacity(count)
    for index in 0..<count {
        var state = RecordState(collection: "attendance", id: "b\(batchNumber)-\(index)")
        try state.write(["forum": .string("f\(index % 50)"), "present": true, "batch": .integer(Int64(batchNumber))],
                        by: replica, at: HybridTimestamp(wallMillis: 1_764_000_000_000))
        batch.append(state)
    }
    FileHandle.standardOutput.write(Data("merging\n".utf8))
    try store.merge(batch, checkpoint: (key: "cursor", value: String(batchNumber)))
    print("done")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
