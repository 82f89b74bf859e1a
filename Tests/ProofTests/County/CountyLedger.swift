import SyncCore

/// Everything the simulation knows independently of the server: every write made, which
/// the server acknowledged, which were refused. The invariants compare the server's
/// states against it.
struct CountyLedger {
    /// One write: a local write of a device, or a server write (a compensation's restamp).
    struct Write {
        let key: RecordKey
        let dot: Dot
        /// Field names with the value written, reserved fields left out.
        let values: [String: JSONValue]
        /// What the writer had seen before the write.
        let contextBefore: VersionVector

        var writeID: WriteID { WriteID(key: key, dot: dot) }
    }

    struct WriteID: Hashable {
        let key: RecordKey
        let dot: Dot
    }

    struct RecordKey: Hashable, Comparable, CustomStringConvertible {
        let collection: String
        let id: String
        static func < (a: RecordKey, b: RecordKey) -> Bool { (a.collection, a.id) < (b.collection, b.id) }
        var description: String { "\(collection)/\(id.prefix(8))" }
    }

    private(set) var writes: [RecordKey: [Write]] = [:]
    /// Writes (record and dot: dots are per record) the server acknowledged, i.e. pushed in
    /// a record whose result was not `refused`, and server writes.
    private(set) var acknowledged: Set<WriteID> = []
    /// Writes pushed in a record the server refused: compensated, never acknowledged later.
    private(set) var refused: Set<WriteID> = []
    private(set) var acknowledgedCount = 0
    private(set) var refusals = 0
    private(set) var refusalCodes: [String: Int] = [:]
    private(set) var conflictResults = 0
    /// Writes that never reached the server because their device was revoked first.
    private(set) var abandoned = 0

    mutating func record(_ write: Write) {
        writes[write.key, default: []].append(write)
    }

    /// Applies one push result for a pushed state.
    mutating func pushed(_ state: RecordState, by replica: ReplicaID, status: String, reason: String?) {
        let key = RecordKey(collection: state.collection, id: state.id)
        switch status {
        case "refused":
            refusals += 1
            refusalCodes[reason ?? "?", default: 0] += 1
            for write in writes[key] ?? [] where write.dot.replica == replica && state.context.covers(write.dot)
                && !acknowledged.contains(write.writeID) {
                refused.insert(write.writeID)
            }
        default:
            if status == "conflict" { conflictResults += 1 }
            for write in writes[key] ?? [] where write.dot.replica == replica && state.context.covers(write.dot)
                && !refused.contains(write.writeID) {
                if acknowledged.insert(write.writeID).inserted { acknowledgedCount += 1 }
            }
        }
    }

    /// Records the server writes a compensation made: entries of `server` in `after` not in `before`.
    mutating func serverWrites(before: RecordState?, after: RecordState) {
        let key = RecordKey(collection: after.collection, id: after.id)
        var context = after.context
        context[.server] = before?.context[.server] ?? 0
        for (name, register) in after.fields where !name.hasPrefix("_") {
            for entry in register.entries where entry.dot.replica == .server && !(before?.context.covers(entry.dot) ?? false) {
                record(Write(key: key, dot: entry.dot, values: [name: entry.value], contextBefore: context))
                acknowledged.insert(WriteID(key: key, dot: entry.dot))
            }
        }
    }

    mutating func abandon(_ count: Int) { abandoned += count }

    /// The writes of `field` that reached the server (its context covers them, and no
    /// refusal of them is known) and that no other such write had seen. A write whose push
    /// answer was lost (a killed server, a dropped connection) has reached the server
    /// without being acknowledged yet, and may legitimately have overwritten others.
    func unsupersededWrites(_ key: RecordKey, field: String, server: RecordState) -> [Write] {
        let arrived = (writes[key] ?? []).filter {
            $0.values[field] != nil && server.context.covers($0.dot) && !refused.contains($0.writeID)
        }
        return arrived.filter { write in
            !arrived.contains { other in other.dot != write.dot && other.contextBefore.covers(write.dot) }
        }
    }

    /// Checks the server against the ledger:
    /// - no acknowledged write is lost: the server's context covers it, and each field it
    ///   wrote still holds it unless a write that had seen it overwrote it;
    /// - conflicts are never dropped: each field shows every distinct value of the
    ///   acknowledged writes nobody has overwritten (and nothing but values of writes that
    ///   reached it), so concurrent different values stay a conflict until a write that saw
    ///   them all resolves it.
    func check(server: (RecordKey) throws -> RecordState?) throws {
        for key in writes.keys.sorted() {
            let acked = (writes[key] ?? []).filter { acknowledged.contains($0.writeID) }
            guard !acked.isEmpty else { continue }
            guard let state = try server(key) else { throw CountyFailure("acknowledged record \(key) missing on the server") }
            for write in acked where !state.context.covers(write.dot) {
                throw CountyFailure("server context lost acknowledged write \(write.dot) of \(key)")
            }
            let fields = Set(acked.flatMap(\.values.keys))
            for field in fields.sorted() {
                let open = unsupersededWrites(key, field: field, server: state)
                let register = state.fields[field] ?? FieldRegister()
                for write in open where acknowledged.contains(write.writeID) && !register.holds(write.dot) {
                    throw CountyFailure("\(key).\(field): acknowledged write \(write.dot) not overwritten by any write that saw it, yet gone")
                }
                var required: [JSONValue] = [], allowed: [JSONValue] = []
                for write in open {
                    guard let value = write.values[field] else { continue }
                    if !allowed.contains(value) { allowed.append(value) }
                    if acknowledged.contains(write.writeID), !required.contains(value) { required.append(value) }
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
