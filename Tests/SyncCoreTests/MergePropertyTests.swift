import Testing
@testable import SyncCore

/// Algebraic laws of `RecordState.merged(with:)` over realistic random states.
///
/// Each case draws its states from one random history (`RandomHistory`), seeded with
/// `baseSeed + case`; a failure prints that seed. `FORUM_PROPERTY_CASES` raises the number of
/// cases (default 10,000 per law), `FORUM_PROPERTY_SEED` replays from a given base seed.
@Suite struct MergePropertyTests {
    static let cases = environmentInteger("FORUM_PROPERTY_CASES", default: 10_000)
    static let baseSeed = environmentSeed("FORUM_PROPERTY_SEED") ?? 0x5EED_F0_2025

    /// Runs `check` for every case; stops at the first failing seed so the log stays readable.
    private func forEachCase(_ check: (inout SplitMix64, UInt64) throws -> Bool) rethrows {
        for index in 0..<Self.cases {
            let seed = Self.baseSeed &+ UInt64(index)
            var rng = SplitMix64(seed: seed)
            guard try check(&rng, seed) else { return }
        }
    }

    /// Commutativity, associativity and idempotence, each checked on every case: one random
    /// history per case supplies the states, so the three laws share the cost of building it.
    @Test func mergeIsCommutativeAssociativeAndIdempotent() throws {
        var checks = (commutative: 0, associative: 0, idempotent: 0)
        try forEachCase { rng, seed in
            let history = RandomHistory.random(rng: &rng)
            let x = rng.pick(history.snapshots), y = rng.pick(history.snapshots), z = rng.pick(history.snapshots)
            let replay = "FORUM_PROPERTY_SEED=\(seed) FORUM_PROPERTY_CASES=1"
            let xy = try x.merged(with: y)
            let yx = try y.merged(with: x)
            guard xy == yx else {
                Issue.record("commutativity fails for \(replay):\n\(xy.canonicalText)\n\(yx.canonicalText)"); return false
            }
            checks.commutative += 1
            let left = try xy.merged(with: z), right = try x.merged(with: y.merged(with: z))
            guard left == right else {
                Issue.record("associativity fails for \(replay):\n\(left.canonicalText)\n\(right.canonicalText)"); return false
            }
            checks.associative += 1
            guard try x.merged(with: x) == x, try xy.merged(with: y) == xy else {
                Issue.record("idempotence fails for \(replay)"); return false
            }
            checks.idempotent += 1
            return true
        }
        #expect(checks.commutative == Self.cases && checks.associative == Self.cases && checks.idempotent == Self.cases)
    }

    @Test func mergedStatesKeepTheInvariantAndRoundTrip() throws {
        // A tenth of the cases: validation and JSON are checked in depth elsewhere.
        let cases = max(1, Self.cases / 10)
        for index in 0..<cases {
            let seed = Self.baseSeed &+ UInt64(index)
            var rng = SplitMix64(seed: seed)
            let history = RandomHistory.random(rng: &rng)
            let merged = try rng.pick(history.snapshots).merged(with: rng.pick(history.snapshots))
            let valid = (try? merged.validate()) != nil
            let parsed = try? RecordState(jsonBytes: merged.canonicalJSON)
            guard valid, parsed == merged else {
                Issue.record("invalid or not round-tripping for FORUM_PROPERTY_SEED=\(seed) FORUM_PROPERTY_CASES=1"); return
            }
        }
    }

    /// Every history of up to three operations by two replicas on two fields: the laws hold
    /// for every pair and triple of states those histories produce.
    @Test func lawsHoldForEveryShortHistory() throws {
        let a = ReplicaID("a")!, b = ReplicaID("b")!
        let ops = ShortOp.all(replicas: [a, b])
        var histories: [[ShortOp]] = [[]]
        var frontier: [[ShortOp]] = [[]]
        for _ in 1...3 {
            frontier = frontier.flatMap { prefix in ops.map { prefix + [$0] } }
            histories += frontier
        }
        var checked = 0
        var seen = Set<Set<RecordState>>()
        for history in histories {
            var states = [a: RecordState(collection: "c", id: "r"), b: RecordState(collection: "c", id: "r")]
            var snapshots = [states[a]!]
            for (time, op) in history.enumerated() {
                try op.apply(to: &states, at: HybridTimestamp(wallMillis: 1_000 + Int64(time / 2)))
                snapshots.append(states[op.replica]!)
            }
            // The laws depend only on the set of states; many histories give the same set.
            guard seen.insert(Set(snapshots)).inserted else { continue }
            let distinct = Array(Set(snapshots))
            for x in distinct {
                guard try x.merged(with: x) == x else {
                    Issue.record("idempotence fails after history \(history)"); return
                }
                for y in distinct {
                    let xy = try x.merged(with: y)
                    guard xy == (try y.merged(with: x)) else {
                        Issue.record("commutativity fails after history \(history)"); return
                    }
                    for z in distinct {
                        guard try xy.merged(with: z) == (try x.merged(with: y.merged(with: z))) else {
                            Issue.record("associativity fails after history \(history)"); return
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(histories.count == 1 + 12 + 144 + 1_728)
        #expect(checked > 1_000, "checked \(checked) triples from \(seen.count) sets")
    }
}

/// One operation of an exhaustive short history.
struct ShortOp: CustomStringConvertible {
    enum Kind { case write(String, JSONValue), delete, restore, pull }
    let replica: ReplicaID
    let other: ReplicaID
    let kind: Kind

    static func all(replicas: [ReplicaID]) -> [ShortOp] {
        let kinds: [Kind] = [.write("x", 1), .write("x", 2), .write("y", 1), .delete, .restore, .pull]
        return replicas.flatMap { r in
            kinds.map { ShortOp(replica: r, other: replicas.first { $0 != r } ?? r, kind: $0) }
        }
    }

    /// Applies the operation; times repeat across steps so exact ties are exercised too.
    func apply(to states: inout [ReplicaID: RecordState], at time: HybridTimestamp) throws {
        guard var state = states[replica], let source = states[other] else { return }
        switch kind {
        case .write(let field, let value): try state.write([field: value], by: replica, at: time)
        case .delete: state.delete(by: replica, at: time)
        case .restore: try state.restore(by: replica, at: time)
        case .pull: try state.merge(source)
        }
        states[replica] = state
    }

    var description: String { "\(replica):\(kind)" }
}
