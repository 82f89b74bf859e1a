import Foundation
import FieldClient
import ForumModel
import SyncCore
import Testing
import TestSupport
@testable import SyncServer

/// FieldClient devices syncing through `FaultProxy` to the real server on 127.0.0.1:
/// connections dropped before the request, after it, mid-answer, delayed and requests
/// duplicated. Short in CI; `FORUM_FAULT_ROUNDS` and `FORUM_FAULT_SEED` for long runs.
@Suite(.serialized) struct FaultInjectionTests {
    static var rounds: Int { ProcessInfo.processInfo.environment["FORUM_FAULT_ROUNDS"].flatMap(Int.init) ?? 40 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["FORUM_FAULT_SEED"].flatMap(UInt64.init) ?? 7 }

    @Test func devicesConvergeThroughAFaultyNetworkWithoutLossOrDuplicates() throws {
        let directory = try TemporaryDirectory(prefix: "faults")
        let database = try ServerDatabase(directory: directory.path("server"), policy: ForumPolicy())
        let server = SyncServer(database: database, log: { _ in })
        let serverPort = try server.start(host: "127.0.0.1", port: 0)
        defer { server.shutdown() }
        let proxy = try FaultProxy(upstreamPort: serverPort, seed: Self.seed, faultPercent: 35)
        defer { proxy.stop() }
        let world = try FaultWorld(server: SyncServerCountyServer(database: database), directory: directory,
                                   baseURL: "http://127.0.0.1:\(proxy.port)", seed: Self.seed)
        do {
            proxy.faultRate = 0
            try world.setUp()
            proxy.faultRate = 35
            for _ in 0..<Self.rounds { try world.round() }
            proxy.faultRate = 0
            try world.finish()
        } catch {
            Issue.record("fault run failed: \(error) — replay with FORUM_FAULT_SEED=\(Self.seed) FORUM_FAULT_ROUNDS=\(Self.rounds)")
            return
        }
        let counts = proxy.counts
        print("faults seed \(Self.seed): \(world.summary); proxy \(counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" })")
        #expect(counts.filter { $0.key != .pass }.values.reduce(0, +) > 0)
        #expect(world.box.ledger.acknowledgedCount > 0)
    }
}
