import Testing
@testable import SyncCore

/// Five replicas edit twenty records and gossip over a network that drops, duplicates and
/// reorders messages. After a final full exchange every replica must hold byte-identical
/// states, and no write may be lost. Replay a seed with `FORUM_SIM_SEED=…`; raise the length
/// with `FORUM_SIM_ROUNDS` (default 3,000 rounds per seed).
@Suite struct ConvergenceSimulationTests {
    static let rounds = environmentInteger("FORUM_SIM_ROUNDS", default: 3_000)
    static let seeds: [UInt64] = environmentSeed("FORUM_SIM_SEED").map { [$0] } ?? [1, 2, 3, 0xF0_2025, 0xDEAD_BEEF]

    @Test(arguments: seeds)
    func replicasConvergeWithoutLosingWrites(seed: UInt64) throws {
        var simulation = SyncSimulation(seed: seed)
        for _ in 0..<Self.rounds { try simulation.round() }
        try simulation.finalExchange()

        let replay = "replay with FORUM_SIM_SEED=\(seed) FORUM_SIM_ROUNDS=\(Self.rounds)"
        #expect(simulation.log.count > Self.rounds / 4, "the run made writes (\(replay))")
        for record in simulation.records {
            let first = simulation.state(0, record)
            for replica in simulation.replicas.indices.dropFirst() {
                #expect(simulation.state(replica, record).canonicalJSON == first.canonicalJSON,
                        "\(record) differs between dev-0 and dev-\(replica); \(replay)")
            }
            let problems = simulation.lostWrites(in: record, final: first)
            #expect(problems.isEmpty, "\(record): \(problems.prefix(5)); \(replay)")
        }
    }

    @Test func theAuditNoticesALostWrite() throws {
        var simulation = SyncSimulation(seed: 7)
        for _ in 0..<500 { try simulation.round() }
        try simulation.finalExchange()
        let record = try #require(simulation.records.first { !simulation.state(0, $0).fields.isEmpty })
        var damaged = simulation.state(0, record)
        // Drop one held entry without any write that replaced it: the audit must object.
        let name = try #require(damaged.fields.keys.sorted().first)
        damaged.fields[name] = FieldRegister(Array(damaged.fields[name]?.entries.dropFirst() ?? []))
        if damaged.fields[name]?.isEmpty == true { damaged.fields[name] = nil }
        #expect(!simulation.lostWrites(in: record, final: damaged).isEmpty)
    }
}
