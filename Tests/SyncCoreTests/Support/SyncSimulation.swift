@testable import SyncCore

/// Replicas that edit shared records and gossip their states over a lossy network that drops,
/// duplicates and reorders messages, logging every write so the end state can be audited.
struct SyncSimulation {
    /// One write as made: which fields got its dot, and what the writer had seen.
    struct LoggedWrite {
        let record: String
        let dot: Dot
        /// The fields the write set (the fields holding its dot right after it), with values.
        let values: [String: JSONValue]
        /// Whether it was a delete (which also clears every other field).
        let clears: Bool
        /// The writer's context right after the write: everything it had seen, plus itself.
        let context: VersionVector
    }

    struct Message { let to: Int; let state: RecordState }

    static let fieldNames = ["title", "amount", "status", "note"]
    static let values: [JSONValue] = [0, 500, 900, "utkast", "godkänd", "Åsa Öberg", nil, ["rad": [1, 2]]]

    let replicas: [ReplicaID]
    let records: [String]
    private(set) var states: [[String: RecordState]]
    private var clocks: [HybridClock]
    private let skews: [Int64]
    private var wall: Int64 = 1_764_000_000_000
    private(set) var network: [Message] = []
    private(set) var log: [LoggedWrite] = []
    private var rng: SplitMix64

    init(seed: UInt64, replicaCount: Int = 5, recordCount: Int = 20) {
        rng = SplitMix64(seed: seed)
        replicas = (0..<replicaCount).map { ReplicaID("dev-\($0)")! }
        records = (0..<recordCount).map { "rec-\($0)" }
        states = Array(repeating: [:], count: replicaCount)
        clocks = Array(repeating: HybridClock(), count: replicaCount)
        var skewRNG = SplitMix64(seed: seed ^ 0xC10C)
        skews = (0..<replicaCount).map { _ in Int64(skewRNG.below(4_001)) - 2_000 } // ±2 s
    }

    func state(_ replica: Int, _ record: String) -> RecordState {
        states[replica][record] ?? RecordState(collection: "honorarium", id: record)
    }

    /// One round: a local operation or a send, then perhaps a delivery.
    mutating func round() throws {
        wall += Int64(rng.below(50))
        if rng.chance(55) { try localOperation() } else { send() }
        if !network.isEmpty, rng.chance(60) { try deliver(network.remove(at: rng.below(network.count))) }
    }

    /// Delivers what is in flight, then has every replica send every record to every other,
    /// delivered in random order without loss.
    mutating func finalExchange() throws {
        while !network.isEmpty { try deliver(network.remove(at: rng.below(network.count))) }
        var all: [Message] = []
        for from in replicas.indices {
            for (_, state) in states[from] {
                for to in replicas.indices where to != from { all.append(Message(to: to, state: state)) }
            }
        }
        while !all.isEmpty { try deliver(all.remove(at: rng.below(all.count))) }
    }

    private mutating func send() {
        let from = rng.below(replicas.count), record = rng.pick(records)
        guard let state = states[from][record] else { return }
        let to = (from + 1 + rng.below(replicas.count - 1)) % replicas.count
        if rng.chance(15) { return } // dropped
        network.append(Message(to: to, state: state))
        if rng.chance(10) { network.append(Message(to: to, state: state)) } // duplicated
    }

    private mutating func deliver(_ message: Message) throws {
        var state = self.state(message.to, message.state.id)
        try state.merge(message.state)
        clocks[message.to].observe(state.latestTime)
        states[message.to][message.state.id] = state
    }

    private mutating func localOperation() throws {
        let r = rng.below(replicas.count), record = rng.pick(records)
        var state = self.state(r, record)
        let time = clocks[r].now(wallMillis: wall + skews[r])
        let roll = rng.below(100)
        var stamp: (dot: Dot, time: HybridTimestamp)?
        var clears = false
        if roll < 12, !state.isEmpty {
            stamp = state.delete(by: replicas[r], at: time)
            clears = true
        } else if roll < 20, state.isDeleted {
            var values: [String: JSONValue] = [:]
            if rng.chance(50) { values[rng.pick(Self.fieldNames)] = rng.pick(Self.values) }
            stamp = try state.restore(values, by: replicas[r], at: time)
        } else if roll < 32, let conflict = state.conflicts.first {
            switch conflict {
            case .field(let name, let entries):
                stamp = try state.resolve(field: name, keeping: rng.pick(entries).dot, by: replicas[r], at: time)
            case .deleteVersusUpdate:
                let entries = state.fields[RecordState.deletedField]?.entries ?? []
                guard let keep = entries.isEmpty ? nil : rng.pick(entries) else { break }
                clears = keep.value == .bool(true)
                stamp = try state.resolve(field: RecordState.deletedField, keeping: keep.dot, by: replicas[r], at: time)
            }
        } else {
            var values: [String: JSONValue] = [:]
            for _ in 0...rng.below(2) { values[rng.pick(Self.fieldNames)] = rng.pick(Self.values) }
            stamp = try state.write(values, by: replicas[r], at: time)
        }
        guard let stamp else { return }
        var written: [String: JSONValue] = [:]
        for (name, register) in state.fields {
            if let entry = register.entries.first(where: { $0.dot == stamp.dot }) { written[name] = entry.value }
        }
        log.append(LoggedWrite(record: record, dot: stamp.dot, values: written, clears: clears, context: state.context))
        states[r][record] = state
    }

    /// Problems with the end state of `record` (empty when every write is accounted for):
    /// each write must be held, or replaced in that field by a write that had seen it.
    func lostWrites(in record: String, final: RecordState) -> [String] {
        let writes = log.filter { $0.record == record }
        var problems: [String] = []
        var known: [Dot: [String: JSONValue]] = [:]
        for write in writes { known[write.dot] = write.values }
        for write in writes {
            guard final.context.covers(write.dot) else { problems.append("\(write.dot) not in the final context"); continue }
            for (field, value) in write.values {
                if let entry = final.fields[field]?.entries.first(where: { $0.dot == write.dot }) {
                    if entry.value != value { problems.append("\(write.dot) holds a different value in \(field)") }
                    continue
                }
                let replaced = writes.contains { later in
                    later.dot != write.dot && later.context.covers(write.dot)
                        && (later.values[field] != nil || (later.clears && field != RecordState.deletedField))
                }
                if !replaced { problems.append("\(write.dot) lost from \(field)") }
            }
        }
        // Nothing appears that nobody wrote.
        for (field, register) in final.fields {
            for entry in register.entries where known[entry.dot]?[field] != entry.value {
                problems.append("\(entry.dot) in \(field) was never written")
            }
        }
        return problems
    }
}
