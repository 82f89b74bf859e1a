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
    /// The fault world's forums are long past: retention would rightly empty the
    /// facilitators' laptops of their participants (RetentionTests covers it).
    static var noRetention: SyncServerConfiguration {
        var configuration = SyncServerConfiguration()
        configuration.laptopRetentionDays = nil
        return configuration
    }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["FORUM_FAULT_SEED"].flatMap(UInt64.init) ?? 7 }

    @Test func devicesConvergeThroughAFaultyNetworkWithoutLossOrDuplicates() throws {
        let directory = try TemporaryDirectory(prefix: "faults")
        let database = try ServerStore(directory: directory.path("server"), policy: ForumPolicy(),
                                          configuration: Self.noRetention)
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

    /// The same world, with the server restored from its latest backup at seeded random
    /// rounds (`forum-server restore`'s function, the server stopped and started on the
    /// same port): every write acknowledged before a restore is on the server again after
    /// the devices' ordinary syncs, and every device converges (PROTOCOL.md §14a).
    @Test func nothingAcknowledgedIsLostAcrossRandomRestores() throws {
        let directory = try TemporaryDirectory(prefix: "faults-restore")
        let data = directory.path("server")
        var database = try ServerStore(directory: data, policy: ForumPolicy(), configuration: Self.noRetention)
        var server = SyncServer(database: database, log: { _ in })
        let serverPort = try server.start(host: "127.0.0.1", port: 0)
        defer { server.shutdown() }
        let proxy = try FaultProxy(upstreamPort: serverPort, seed: Self.seed, faultPercent: 20)
        defer { proxy.stop() }
        let county = SyncServerCountyServer(database: database)
        let world = try FaultWorld(server: county, directory: directory, baseURL: "http://127.0.0.1:\(proxy.port)",
                                   seed: Self.seed)
        world.checksEveryRound = false
        var backups = 0, restores = 0
        do {
            proxy.faultRate = 0
            try world.setUp()
            let backup = directory.path("backup.sqlite")
            try database.recordsOffice.backup(to: backup)
            proxy.faultRate = 20
            for _ in 0..<Self.rounds {
                try world.round()
                if world.chance(15) {
                    try database.recordsOffice.backup(to: backup)
                    backups += 1
                }
                if world.chance(10) {
                    server.shutdown()
                    _ = try RecordsOffice.restore(from: backup, directory: data, policy: ForumPolicy())
                    database = try ServerStore(directory: data, policy: ForumPolicy(), configuration: Self.noRetention)
                    county.replace(database: database)
                    server = SyncServer(database: database, log: { _ in })
                    _ = try server.start(host: "127.0.0.1", port: serverPort)
                    restores += 1
                }
            }
            proxy.faultRate = 0
            try world.finish()
        } catch {
            Issue.record("restore run failed: \(error) (\(world.summary)) — replay with FORUM_FAULT_SEED=\(Self.seed) FORUM_FAULT_ROUNDS=\(Self.rounds)")
            return
        }
        print("restores seed \(Self.seed): \(restores) restores, \(backups) backups; \(world.summary)")
        #expect(restores > 0)
        #expect(world.box.ledger.acknowledgedCount > 0)
        // Nobody writes what the server refuses here: every write, unsynced at a restore or
        // not, ends up acknowledged (none dropped by a premature refusal).
        #expect(world.box.ledger.acknowledgedCount == world.box.ledger.writes.values.map(\.count).reduce(0, +))
    }
}
