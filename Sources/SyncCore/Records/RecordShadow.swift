import Digest

/// What a server acknowledged of one record, without its values: the context and, for
/// each entry held, a digest of its time and value. A server keeps the shadow of every
/// stored state beside its database (not in it), so that after a restore from an older
/// backup it can tell the writes it acknowledged and then forgot from forged ones, and
/// check that a device re-offering a forgotten entry offers that very entry
/// (PROTOCOL.md §14a).
public struct RecordShadow: Hashable, Sendable {
    /// The stored state's context.
    public var context: VersionVector
    /// Per field, the digest of each entry held, by dot.
    public var entries: [String: [Dot: [UInt8]]]

    /// The shadow of a stored state.
    public init(of state: RecordState) {
        context = state.context
        var entries: [String: [Dot: [UInt8]]] = [:]
        for (name, register) in state.fields {
            var digests: [Dot: [UInt8]] = [:]
            for entry in register.entries { digests[entry.dot] = Self.digest(of: entry) }
            entries[name] = digests
        }
        self.entries = entries
    }

    /// This shadow merged with a newer stored state, as states merge (§4): contexts
    /// joined; the newer state's entries, and this shadow's entries the newer state's
    /// context does not cover. After a restore the stored state may lack entries this
    /// shadow holds, forgotten rather than overwritten, and a write made meanwhile without
    /// seeing them is concurrent with them: they stay, to be recovered as a conflict.
    public func advanced(to later: RecordState) -> RecordShadow {
        var next = RecordShadow(of: later)
        for (name, digests) in entries {
            for (dot, digest) in digests where !later.context.covers(dot) {
                next.entries[name, default: [:]][dot] = digest
            }
        }
        next.context.merge(context)
        return next
    }

    /// The first 16 bytes of SHA-256 over the canonical JSON `[time, value]` of `entry`:
    /// `[[wallMillis,logical],value]`, written straight into bytes (the same bytes the
    /// `JSONValue` tree of that array gives; a test holds the two equal, since digests
    /// stored before must still match).
    public static func digest(of entry: FieldEntry) -> [UInt8] {
        var message: [UInt8] = []
        return withDigest(of: entry, message: &message) { Array($0) }
    }

    /// Calls `body` with `digest(of: entry)` in temporary memory; `message` is scratch
    /// space for the hashed bytes, reused across calls.
    private static func withDigest<R>(of entry: FieldEntry, message bytes: inout [UInt8],
                                      _ body: (UnsafeRawBufferPointer) -> R) -> R {
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(48)
        bytes.append(UInt8(ascii: "["))
        bytes.append(UInt8(ascii: "["))
        JSONWriter.writeInteger(entry.time.wallMillis, into: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONWriter.writeInteger(Int64(entry.time.logical), into: &bytes)
        bytes.append(UInt8(ascii: "]"))
        bytes.append(UInt8(ascii: ","))
        JSONWriter.write(entry.value, into: &bytes)
        bytes.append(UInt8(ascii: "]"))
        return bytes.withUnsafeBytes { message in
            SHA256.withDigest(of: message) { body(UnsafeRawBufferPointer(rebasing: $0[0..<digestByteCount])) }
        }
    }

    /// The bytes of a digest kept per entry.
    static let digestByteCount = 16

    /// `RecordShadow(of: state).jsonBytes`, written straight from the state without
    /// building the shadow's dictionaries: what a server stores for every record it
    /// acknowledges (the shadow's dictionaries and their JSON were two thirds of the
    /// ledger's cost, BENCHMARKS.md "session 10"). A test holds the two equal.
    public static func jsonBytes(of state: RecordState) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(48 + state.fields.count * 64)
        writeContext(state.context, into: &out)
        var message: [UInt8] = []
        let names = state.fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, name) in names.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: "["))
            // A register's entries are in canonical order: by dot, one per dot.
            for (position, entry) in (state.fields[name]?.entries ?? []).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                withDigest(of: entry, message: &message) { writeEntry(entry.dot, digest: $0, into: &out) }
            }
            out.append(UInt8(ascii: "]"))
        }
        JSONWriter.writeLiteral("}}", into: &out)
        return out
    }

    /// `{"context":{…},"entries":{`: the shadow's bytes up to its first field.
    private static func writeContext(_ context: VersionVector, into out: inout [UInt8]) {
        JSONWriter.writeLiteral(#"{"context":{"#, into: &out)
        for (index, pair) in context.sorted.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(pair.replica.rawValue, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.writeInteger(Int64(pair.counter), into: &out)
        }
        JSONWriter.writeLiteral(#"},"entries":{"#, into: &out)
    }

    /// One entry of a field: `[replica,counter,"hex digest"]`.
    private static func writeEntry(_ dot: Dot, digest: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        JSONWriter.writeString(dot.replica.rawValue, into: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.writeInteger(Int64(dot.counter), into: &out)
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: "]"))
    }

    /// The shadow as stored: `{"context":{…},"entries":{field:[[replica,counter,hex],…]}}`,
    /// canonical JSON (members sorted by their UTF-8 bytes, entries by dot), written
    /// straight into bytes: the server writes one shadow per stored record, and building
    /// a `JSONValue` tree of hex strings for each was a third of its storing time
    /// (BENCHMARKS.md, "Bulk push and group commit").
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(48 + entries.count * 64)
        Self.writeContext(context, into: &out)
        let names = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, name) in names.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: "["))
            let digests = entries[name] ?? [:]
            for (position, (dot, digest)) in digests.sorted(by: { $0.key < $1.key }).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                digest.withUnsafeBytes { Self.writeEntry(dot, digest: $0, into: &out) }
            }
            out.append(UInt8(ascii: "]"))
        }
        JSONWriter.writeLiteral("}}", into: &out)
        return out
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A stored shadow; `nil` when the bytes are not one.
    public init?(jsonBytes bytes: [UInt8]) {
        guard let json = try? JSONParser().parse(bytes), let contextObject = json["context"]?.objectValue,
              let fieldsObject = json["entries"]?.objectValue else { return nil }
        var counters: [ReplicaID: UInt64] = [:]
        for (name, value) in contextObject {
            guard let replica = ReplicaID(name.string), let counter = value.integerValue, counter > 0 else { return nil }
            counters[replica] = UInt64(counter)
        }
        var entries: [String: [Dot: [UInt8]]] = [:]
        for (name, list) in fieldsObject {
            guard let items = list.arrayValue else { return nil }
            var digests: [Dot: [UInt8]] = [:]
            for item in items {
                guard let parts = item.arrayValue, parts.count == 3, let text = parts[0].stringValue,
                      let replica = ReplicaID(text), let counter = parts[1].integerValue, counter > 0,
                      let hex = parts[2].stringValue, let digest = HexEncoding.decode(hex) else { return nil }
                digests[Dot(replica: replica, counter: UInt64(counter))] = digest
            }
            // Field names are ASCII: two keys that `String` takes for one are no shadow.
            guard entries.updateValue(digests, forKey: name.string) == nil else { return nil }
        }
        context = VersionVector(counters)
        self.entries = entries
    }
}

/// A pushed state read against a stored state and the shadow of what was acknowledged
/// before a restore: see `RecordState.recovering`.
public struct Recovery: Sendable {
    /// The pushed state without entries the acknowledged history had already overwritten.
    public var incoming: RecordState
    /// The entries of the pushed state that the server acknowledged and then forgot, as a
    /// state of their own (empty when there are none).
    public var recovered: RecordState
    /// What everything the server ever acknowledged of the record covers: the stored
    /// context joined with the shadow's.
    public var acknowledged: VersionVector
    /// A forgotten entry offered with another time or value than the one acknowledged.
    public var problem: IntegrityProblem?
}

extension RecordState {
    /// Reads `incoming` against the `stored` state and the `shadow` of the latest state the
    /// server acknowledged, which is ahead of `stored` after a restore from a backup.
    ///
    /// Each entry of `incoming` that `stored` does not know of but the shadow's context
    /// covers was written before the restore: when the shadow holds its dot in that field
    /// it must be that very entry (same digest, else `dotConflict`) and is recovered; when
    /// the shadow does not hold it, the acknowledged history had overwritten it, and it is
    /// dropped, as a merge with the forgotten state would have dropped it.
    /// - Complexity: O(entries of `incoming`).
    public static func recovering(_ incoming: RecordState, stored: RecordState?, shadow: RecordShadow?) -> Recovery {
        let storedContext = stored?.context ?? VersionVector()
        let empty = RecordState(collection: incoming.collection, id: incoming.id)
        guard let shadow, !storedContext.dominatesOrEquals(shadow.context) else {
            return Recovery(incoming: incoming, recovered: empty, acknowledged: storedContext, problem: nil)
        }
        var filtered = incoming, recovered = empty
        for name in incoming.fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let register = incoming.fields[name] else { continue }
            var kept: [FieldEntry] = [], regained: [FieldEntry] = []
            for entry in register.entries {
                let dot = entry.dot
                if storedContext.covers(dot) || !shadow.context.covers(dot) {
                    kept.append(entry)
                    continue
                }
                guard let digest = shadow.entries[name]?[dot] else { continue } // overwritten before the restore
                guard digest == RecordShadow.digest(of: entry) else {
                    return Recovery(incoming: incoming, recovered: empty, acknowledged: storedContext,
                                    problem: .dotConflict(field: name))
                }
                kept.append(entry)
                regained.append(entry)
                if recovered.context[dot.replica] < dot.counter {
                    recovered.context.merge(VersionVector([dot.replica: dot.counter]))
                }
            }
            filtered.fields[name] = kept.isEmpty ? nil : FieldRegister(kept)
            if !regained.isEmpty { recovered.fields[name] = FieldRegister(regained) }
        }
        return Recovery(incoming: filtered, recovered: recovered, acknowledged: storedContext.merged(with: shadow.context),
                        problem: nil)
    }
}

extension Recovery {
    /// `stored` with its context joined with everything acknowledged: what the forged-
    /// history check must count as known to the server.
    public func known(stored: RecordState?) -> RecordState {
        var known = stored ?? RecordState(collection: incoming.collection, id: incoming.id)
        known.context.merge(acknowledged)
        return known
    }

    /// `stored` with the recovered entries merged in: the state the domain's rules judge
    /// a push against, so that what was acknowledged before a restore counts as already
    /// admitted and only the pusher's new writes are judged. `nil` when both are empty.
    public func admitted(stored: RecordState?) -> RecordState? {
        guard !recovered.fields.isEmpty else { return stored }
        guard let stored else { return recovered }
        return (try? stored.merged(with: recovered)) ?? stored
    }
}
