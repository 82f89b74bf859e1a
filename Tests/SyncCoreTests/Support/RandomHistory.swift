@testable import SyncCore

/// A random but realistic history of one record: 2–4 replicas write, delete, restore, resolve
/// and merge each other's states, each with its own skewed hybrid clock. Every state it
/// produces came from real operations, so it satisfies the invariants the merge relies on
/// (a dot names one write everywhere; contexts are downward closed).
struct RandomHistory {
    static let fieldNames = ["amount", "status", "note"]
    static let values: [JSONValue] = [0, 1, 2, "x", "å", nil, true, ["k": [1, 2]]]

    private(set) var replicas: [ReplicaID]
    private(set) var states: [RecordState]
    private var clocks: [HybridClock]
    private var skews: [Int64]
    private var wall: Int64 = 1_764_000_000_000
    /// Every state any replica held, in order (the empty start included once).
    private(set) var snapshots: [RecordState]

    init(replicaCount: Int, rng: inout SplitMix64) {
        replicas = (0..<replicaCount).map { ReplicaID("r\($0)")! }
        let empty = RecordState(collection: "honorarium", id: "h1")
        states = Array(repeating: empty, count: replicaCount)
        clocks = Array(repeating: HybridClock(), count: replicaCount)
        // Skews of up to ±5 ms against steps of 0–3 ms make clock disagreements and exact ties common.
        skews = (0..<replicaCount).map { _ in Int64(rng.below(11)) - 5 }
        snapshots = [empty]
    }

    /// Builds a history of `steps` random operations.
    static func random(rng: inout SplitMix64, replicas: ClosedRange<Int> = 2...4,
                       steps: ClosedRange<Int> = 1...12) -> RandomHistory {
        var history = RandomHistory(replicaCount: replicas.lowerBound + rng.below(replicas.count), rng: &rng)
        for _ in 0..<(steps.lowerBound + rng.below(steps.count)) { history.step(rng: &rng) }
        return history
    }

    /// One random operation by a random replica.
    mutating func step(rng: inout SplitMix64) {
        let r = rng.below(replicas.count)
        wall += Int64(rng.below(4))
        let roll = rng.below(100)
        switch roll {
        case ..<30:
            merge(into: r, from: rng.below(replicas.count))
        case ..<40:
            _ = states[r].delete(by: replicas[r], at: tick(r))
        case ..<48:
            var values: [String: JSONValue] = [:]
            if rng.chance(50) { values[rng.pick(Self.fieldNames)] = rng.pick(Self.values) }
            _ = try? states[r].restore(values, by: replicas[r], at: tick(r))
        case ..<55:
            if case .field(let name, let entries)? = states[r].conflicts.last {
                _ = try? states[r].resolve(field: name, keeping: rng.pick(entries).dot, by: replicas[r], at: tick(r))
            } else {
                fallthrough
            }
        default:
            var values: [String: JSONValue] = [:]
            for _ in 0...rng.below(2) { values[rng.pick(Self.fieldNames)] = rng.pick(Self.values) }
            _ = try? states[r].write(values, by: replicas[r], at: tick(r))
        }
        snapshots.append(states[r])
    }

    /// Replica `r` merges replica `source`'s state (a sync), then observes its timestamps.
    mutating func merge(into r: Int, from source: Int) {
        if let merged = try? states[r].merged(with: states[source]) { states[r] = merged }
        clocks[r].observe(states[r].latestTime)
    }

    private mutating func tick(_ r: Int) -> HybridTimestamp {
        clocks[r].now(wallMillis: wall + skews[r])
    }
}
