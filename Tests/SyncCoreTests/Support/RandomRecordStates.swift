import SyncCore
import TestSupport

extension SeededGenerator {
    /// A value in `0..<bound` (bound > 0); the modulo bias is immaterial for tests and
    /// this is much quicker than `next(upperBound:)` in a debug build.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// `true` with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// A random element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Random valid record states with everything the decoders must agree on: several replicas
/// (short, long, odd characters), conflicts (several entries per field), deletions
/// (`_deleted`), overwritten writes (context counters beyond any entry), extreme counters
/// and times, and values of every JSON kind: nested, unicode (non-BMP too), control
/// characters, quotes and backslashes, keys that need escaping.
struct RandomRecordStates {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    static let collections = ["honorarium", "forum", "attendance", "participant", "c", "a_b9",
                              "x" + String(repeating: "y", count: 31)]
    static let replicaNames = ["dev-a", "dev-3f9a1c2b", "server", "r0", "A", "x.y_z-1", "dev-b",
                               String(repeating: "r", count: 64), "dev-" + String(repeating: "0123456789", count: 4)]
    static let fieldNames = ["amount", "status", "note", "x", "field0", "A_1", "_deleted", "approvedAmount",
                             "f" + String(repeating: "_", count: 63)]
    static let stringPieces = ["", "a", "värde", "Deltagarforum 3", "å ä ö", "\"citat\"", "back\\slash", "a/b",
                               "rad\nrad", "\t", "\u{01}\u{1F}", "😀", "𝄞 clef", "日本語", "e\u{301}", "\u{7F}", "\u{FFFF}",
                               "070-123 45 67", "null", "{}", "[1,2]", "\u{2028}"]

    /// The next state.
    mutating func next() -> RecordState {
        while true {
            if let state = try? candidate() { return state }
        }
    }

    private mutating func candidate() throws -> RecordState {
        let collection = rng.pick(Self.collections)
        let id = rng.chance(50) ? RecordID.random() : randomID()
        var replicas: [ReplicaID] = []
        for _ in 0..<(1 + rng.below(4)) {
            if let replica = ReplicaID(rng.pick(Self.replicaNames)), !replicas.contains(replica) { replicas.append(replica) }
        }
        var counters: [ReplicaID: UInt64] = [:]
        for replica in replicas { counters[replica] = counter() }
        var fields: [String: FieldRegister] = [:]
        for _ in 0..<(rng.chance(80) ? rng.below(7) : rng.below(11)) {
            let name = rng.pick(Self.fieldNames)
            var entries: [FieldEntry] = []
            for _ in 0..<(rng.chance(75) ? 1 : 2 + rng.below(3)) {
                let replica = rng.pick(replicas)
                let limit = counters[replica] ?? 1
                let dot = Dot(replica: replica, counter: limit <= 1 ? 1 : 1 + UInt64(rng.below(Int(min(limit, 1_000)))))
                guard !entries.contains(where: { $0.dot == dot }) else { continue }
                let value: JSONValue = name == RecordState.deletedField ? .bool(rng.chance(50)) : value(depth: 0)
                entries.append(FieldEntry(value: value, dot: dot, time: time()))
            }
            fields[name] = FieldRegister(entries)
        }
        return try RecordState(collection: collection, id: id, context: VersionVector(counters), fields: fields)
    }

    private mutating func randomID() -> String {
        let alphabet = Array("abcXYZ019._-")
        return String((0..<(1 + (rng.chance(90) ? rng.below(12) : rng.below(64)))).map { _ in rng.pick(alphabet) })
    }

    private mutating func counter() -> UInt64 {
        switch rng.below(10) {
        case 0: UInt64(Int64.max)
        case 1: UInt64(1 + rng.below(1_000_000))
        default: UInt64(1 + rng.below(6))
        }
    }

    private mutating func time() -> HybridTimestamp {
        let millis: Int64 = switch rng.below(10) {
        case 0: .max
        case 1: .min
        case 2: -Int64(rng.below(1_000_000))
        default: 1_764_000_000_000 + Int64(rng.below(1_000_000_000))
        }
        let logical: UInt32 = rng.chance(10) ? .max : UInt32(rng.below(3))
        return HybridTimestamp(wallMillis: millis, logical: logical)
    }

    /// A random string of pieces, so escapes meet multi-byte characters.
    mutating func string() -> String {
        (0..<rng.below(4)).map { _ in rng.pick(Self.stringPieces) }.joined()
    }

    /// A random JSON value, nested at most three levels below `depth`.
    mutating func value(depth: Int) -> JSONValue {
        switch rng.below(depth >= 3 ? 5 : 8) {
        case 0: return .null
        case 1: return .bool(rng.chance(50))
        case 2: return .integer(rng.pick([0, 1, -1, 900, Int64.max, Int64.min, 1_764_000_000_000]))
        case 3, 4: return .string(string())
        case 5: return .array((0..<rng.below(4)).map { _ in value(depth: depth + 1) })
        default:
            var members: [JSONKey: JSONValue] = [:]
            for _ in 0..<rng.below(4) { members[JSONKey(rng.chance(70) ? rng.pick(["a", "b", "kod", "å"]) : string())] = value(depth: depth + 1) }
            return .object(members)
        }
    }
}
