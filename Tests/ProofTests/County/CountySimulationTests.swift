import Foundation
import Testing
import TestSupport

/// The county simulation against the real server (in process) and, as a cross-check of
/// the simulation itself, against the minimal stand-in. Short in CI; set
/// `FORUM_COUNTY_SEED` and `FORUM_COUNTY_DAYS` to replay a seed or run for months
/// (see BENCHMARKS.md).
@Suite struct CountySimulationTests {
    static var seeds: [UInt64] {
        if let text = ProcessInfo.processInfo.environment["FORUM_COUNTY_SEED"], let seed = UInt64(text) { return [seed] }
        return [1]
    }

    static var days: Int { ProcessInfo.processInfo.environment["FORUM_COUNTY_DAYS"].flatMap(Int.init) ?? 21 }

    @Test(arguments: seeds)
    func countyConvergesOnTheRealServerWithoutLosingAcknowledgedWrites(seed: UInt64) throws {
        let directory = try TemporaryDirectory(prefix: "county")
        try run(seed: seed, server: SyncServerCountyServer(path: directory.path("server.sqlite")), directory: directory, days: Self.days)
    }

    @Test func countyConvergesOnTheStandInServer() throws {
        let directory = try TemporaryDirectory(prefix: "county-stand-in")
        let server = try StandInCountyServer(path: directory.path("server.sqlite"), wallClock: { CountySimulation.startMillis })
        try run(seed: Self.seeds[0], server: server, directory: directory, days: min(Self.days, 10))
    }

    private func run(seed: UInt64, server: CountyServer, directory: TemporaryDirectory, days: Int) throws {
        let simulation = try CountySimulation(seed: seed, server: server, directory: directory.url.path)
        do {
            try simulation.run(days: days)
        } catch {
            Issue.record("county simulation failed: \(error) — replay with FORUM_COUNTY_SEED=\(seed) FORUM_COUNTY_DAYS=\(days)")
            return
        }
        let ledger = simulation.ledger
        print("county seed \(seed): \(simulation.statistics); acknowledged \(ledger.acknowledgedCount), refused \(ledger.refusals) \(ledger.refusalCodes), conflict results \(ledger.conflictResults), abandoned by revocation \(ledger.abandoned)")
        #expect(ledger.acknowledgedCount > 0)
        #expect(simulation.statistics.syncs > 0)
    }
}
