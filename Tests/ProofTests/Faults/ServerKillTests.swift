import Foundation
import ForumModel
import SyncCore
import Testing
import TestSupport
@testable import SyncServer

/// `kill -9` of the `forum-server` process at random moments while devices push and pull,
/// then a restart on the same data: acknowledged writes survive, replays answer retried
/// batches, everything converges. Short in CI; `FORUM_KILL_ROUNDS` for long runs.
@Suite(.serialized) struct ServerKillTests {
    static var rounds: Int { ProcessInfo.processInfo.environment["FORUM_KILL_ROUNDS"].flatMap(Int.init) ?? 16 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["FORUM_FAULT_SEED"].flatMap(UInt64.init) ?? 11 }

    @Test func killedServerLosesNoAcknowledgedWriteAndDevicesConverge() throws {
        let directory = try TemporaryDirectory(prefix: "kill")
        let data = directory.path("server")
        // The test reads and enrols through its own connection to the same database file,
        // as the admin commands do next to a running server.
        let database = try ServerStore(directory: data, policy: ForumPolicy())
        // The fault world's forums are long past: retention would rightly empty the
        // facilitators' laptops of their participants (RetentionTests covers it).
        let process = try ServerProcess(data: data, extraArguments: ["--laptop-retention-days", "0"])
        defer { process.kill() }
        let proxy = try FaultProxy(upstreamPort: process.port, seed: Self.seed, faultPercent: 0)
        defer { proxy.stop() }
        let world = try FaultWorld(server: SyncServerCountyServer(database: database), directory: directory,
                                   baseURL: "http://127.0.0.1:\(proxy.port)", seed: Self.seed)
        var random = SeededGenerator(seed: Self.seed)
        var kills = 0
        do {
            try world.setUp()
            for _ in 0..<Self.rounds {
                // Kill after 0-40 ms: during the round's local writes, its push or its pull.
                let delay = UInt32.random(in: 0...40_000, using: &random)
                let killed = DispatchSemaphore(value: 0)
                Thread { usleep(delay); process.kill(); killed.signal() }.start()
                try world.round()
                killed.wait()
                kills += 1
                try process.start()
                proxy.upstreamPort = process.port
            }
            try world.finish()
        } catch {
            Issue.record("kill run failed: \(error) — replay with FORUM_FAULT_SEED=\(Self.seed) FORUM_KILL_ROUNDS=\(Self.rounds)")
            return
        }
        print("kill -9 seed \(Self.seed): \(kills) kills; \(world.summary)")
        #expect(kills == Self.rounds)
        #expect(world.box.ledger.acknowledgedCount > 0)
    }
}
