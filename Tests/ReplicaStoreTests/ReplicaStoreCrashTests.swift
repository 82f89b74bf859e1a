import Foundation
import Testing
import SQLite
import SyncCore
import TestSupport
@testable import ReplicaStore

/// A child process merging a large batch is killed with SIGKILL at varying points; the
/// database must reopen intact with all of the batch or none of it, and the checkpoint
/// must say which.
@Suite struct ReplicaStoreCrashTests {
    static let batchSize = 20_000

    @Test(arguments: [0, 20, 60, 150, 400])
    func aKilledMergeLeavesAllOrNothingWithAMatchingCheckpoint(killAfterMillis: Int) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("crash.sqlite")
        // A first, complete batch so there is committed data to protect.
        try runChild(path: path, batch: 1, count: 500, killAfterMillis: nil)

        let outcome = try runChild(path: path, batch: 2, count: Self.batchSize, killAfterMillis: killAfterMillis)

        let connection = try Connection(path: path)
        #expect(try connection.integrityCheck() == ["ok"])
        let store = try ReplicaStore(connection: connection)
        let second = try connection.queryOne("SELECT COUNT(*) FROM record WHERE id LIKE 'b2-%'") { try $0.int64(at: 0) }
        let first = try connection.queryOne("SELECT COUNT(*) FROM record WHERE id LIKE 'b1-%'") { try $0.int64(at: 0) }
        #expect(first == 500)
        let cursor = try store.checkpoint("cursor")
        if second == 0 {
            #expect(cursor == "1", "batch 2 absent, so the checkpoint must still be batch 1's")
        } else {
            #expect(second == Int64(Self.batchSize), "a partial batch was stored")
            #expect(cursor == "2")
        }
        if outcome == .completed { #expect(second == Int64(Self.batchSize)) }
    }

    enum ChildOutcome { case completed, killed }

    @discardableResult
    private func runChild(path: String, batch: Int, count: Int, killAfterMillis: Int?) throws -> ChildOutcome {
        let process = Process()
        process.executableURL = BuiltProducts.executable("ReplicaStoreCrashChild")
        process.arguments = [path, String(batch), String(count)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard let killAfterMillis else {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return .completed
        }
        // Wait until the child announces the merge, then kill it after the given delay.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("merging") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        usleep(useconds_t(killAfterMillis * 1000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? .killed : .completed
    }
}
