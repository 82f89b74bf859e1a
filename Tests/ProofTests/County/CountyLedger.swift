import SyncCore

/// Everything the simulation knows independently of the server: every write made, which
/// the server acknowledged, which were refused. The invariants compare the server's
/// states against it.
///
/// A write is identified by its record and its place in that record's list of writes,
/// not by its dot: a refused write is stored nowhere (PROTOCOL.md §8), so the device's next
/// write to the record takes the same dot again, and the two are different writes.
struct CountyLedger {
    /// One local write of a device.
    struct Write {
        let key: RecordKey
        let dot: Dot
        /// When it was written: tells it apart from a later write that reuses its dot.
        let time: HybridTimestamp
        /// Field names with the value written, reserved fields left out.
        let values: [String: JSONValue]
        /// What the writer had seen before the write.
        let contextBefore: VersionVector
        /// A delete: it clears every field it had seen (PROTOCOL.md §8).
        var clears = false
    }

    struct WriteID: Hashable {
        let key: RecordKey
        /// The write's index in `writes[key]`.
        let index: Int
    }

    struct RecordKey: Hashable, Comparable, CustomStringConvertible {
        let collection: String
        let id: String
        static func < (a: RecordKey, b: RecordKey) -> Bool { (a.collection, a.id) < (b.collection, b.id) }
        var description: String { "\(collection)/\(id.prefix(8))" }
    }

    private(set) var writes: [RecordKey: [Write]] = [:]
    /// Writes the server acknowledged, i.e. pushed in a record whose result was not `refused`.
    private(set) var acknowledged: Set<WriteID> = []
    /// Writes pushed in a record the server refused: never stored, never acknowledged later.
    private(set) var refused: Set<WriteID> = []
    private(set) var acknowledgedCount = 0
    private(set) var refusals = 0
    private(set) var refusalCodes: [String: Int] = [:]
    /// Refused results that carried the server's state (the device could read the record).
    private(set) var refusalsWithState = 0
    private(set) var conflictResults = 0
    /// Writes that never reached the server because their device was revoked first.
    private(set) var abandoned = 0
    /// Records whose tombstones the server purged (PROTOCOL.md §14d): their history ended
    /// there; a later write to the same id starts a new one.
    private(set) var purged = 0

    mutating func record(_ write: Write) {
        writes[write.key, default: []].append(write)
    }

    /// The writes of `key` with their ids.
    private func identified(_ key: RecordKey) -> [(id: WriteID, write: Write)] {
        (writes[key] ?? []).enumerated().map { (WriteID(key: key, index: $0.offset), $0.element) }
    }

    /// Applies one push result for a pushed state: the writes of `replica` the state
    /// carries and that no earlier result settled are acknowledged, or refused.
    mutating func pushed(_ state: RecordState, by replica: ReplicaID, status: String, reason: String?, withState: Bool = false) {
        let key = RecordKey(collection: state.collection, id: state.id)
        let carried = identified(key).filter {
            $0.write.dot.replica == replica && state.context.covers($0.write.dot)
                && !acknowledged.contains($0.id) && !refused.contains($0.id)
        }
        switch status {
        case "refused":
            refusals += 1
            refusalCodes[reason ?? "?", default: 0] += 1
            if withState { refusalsWithState += 1 }
            for (id, _) in carried { refused.insert(id) }
        default:
            if status == "conflict" { conflictResults += 1 }
            for (id, _) in carried where acknowledged.insert(id).inserted { acknowledgedCount += 1 }
        }
    }

    mutating func abandon(_ count: Int) { abandoned += count }

    /// The server purged the record's tombstone, checked to be a clean tombstone that
    /// every write the ledger knows of reached or never will: its history is closed.
    mutating func closeHistory(_ key: RecordKey) {
        for (id, _) in identified(key) {
            acknowledged.remove(id)
            refused.remove(id)
        }
        writes[key] = nil
        purged += 1
    }

    /// The writes of `field` that reached the server (its context covers them, and no
    /// refusal of them is known) and that no other such write had seen. A write whose push
    /// answer was lost (a killed server, a dropped connection) has reached the server
    /// without being acknowledged yet, and may legitimately have overwritten others.
    func unsupersededWrites(_ key: RecordKey, field: String, server: RecordState) -> [(id: WriteID, write: Write)] {
        let reached = identified(key).filter { server.context.covers($0.write.dot) && !refused.contains($0.id) }
        let arrived = reached.filter { $0.write.values[field] != nil }
        // A write is overwritten by a later write of the same field, or cleared by a delete,
        // that had seen it.
        return arrived.filter { write in
            !reached.contains { other in
                other.write.dot != write.write.dot && (other.write.values[field] != nil || other.write.clears)
                    && other.write.contextBefore.covers(write.write.dot)
            }
        }
    }

    /// Checks the server against the ledger:
    /// - no acknowledged write is lost: the server's context covers it, and each field it
    ///   wrote still holds it unless a write that had seen it overwrote it;
    /// - conflicts are never dropped: each field shows every distinct value of the
    ///   acknowledged writes nobody has overwritten (and nothing but values of writes that
    ///   reached it), so concurrent different values stay a conflict until a write that saw
    ///   them all resolves it;
    /// - a refused write never appears: no field holds an entry with its dot and time (a
    ///   later write may reuse the dot, never the time: a device's clock only moves on).
    func check(server: (RecordKey) throws -> RecordState?) throws {
        for key in writes.keys.sorted() {
            let all = identified(key)
            let acked = all.filter { acknowledged.contains($0.id) }.map(\.write)
            let refusedWrites = all.filter { refused.contains($0.id) }.map(\.write)
            guard !acked.isEmpty || !refusedWrites.isEmpty else { continue }
            let state = try server(key)
            for write in refusedWrites {
                for (name, register) in state?.fields ?? [:] where register.entries.contains(where: { $0.dot == write.dot && $0.time == write.time }) {
                    throw CountyFailure("\(key).\(name): the server holds refused write \(write.dot)")
                }
            }
            guard !acked.isEmpty else { continue }
            guard let state else { throw CountyFailure("acknowledged record \(key) missing on the server") }
            for write in acked where !state.context.covers(write.dot) {
                throw CountyFailure("server context lost acknowledged write \(write.dot) of \(key)")
            }
            let fields = Set(acked.flatMap(\.values.keys))
            for field in fields.sorted() {
                let open = unsupersededWrites(key, field: field, server: state)
                let register = state.fields[field] ?? FieldRegister()
                for (id, write) in open where acknowledged.contains(id) && !register.holds(write.dot) {
                    throw CountyFailure("\(key).\(field): acknowledged write \(write.dot) not overwritten by any write that saw it, yet gone")
                }
                var required: [JSONValue] = [], allowed: [JSONValue] = []
                for (id, write) in open {
                    guard let value = write.values[field] else { continue }
                    if !allowed.contains(value) { allowed.append(value) }
                    if acknowledged.contains(id), !required.contains(value) { required.append(value) }
                }
                let shown = register.distinctValues
                guard required.allSatisfy(shown.contains), shown.allSatisfy(allowed.contains) else {
                    throw CountyFailure("\(key).\(field): server shows \(shown.count) distinct values; unresolved acknowledged writes have \(required.count), writes that reached it \(allowed.count)")
                }
                if required.count > 1, !register.isInConflict {
                    throw CountyFailure("\(key).\(field): concurrent different values without a conflict")
                }
            }
        }
    }
}
