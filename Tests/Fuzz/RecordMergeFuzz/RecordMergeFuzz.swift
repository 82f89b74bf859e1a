// libFuzzer entry for RecordState merge. Built by Tests/Fuzz/run-fuzzers.sh against the
// SyncCore module (and Digest); not part of any SwiftPM target.
//
// Two input modes, so both hand-written states and states far from any seed are reached:
// - JSON: the input is two or three record states separated by 0x00 bytes (0x00 never
//   occurs in valid JSON). Those that decode are used.
// - Generated: any other input drives a small reader that builds three arbitrary valid
//   states of one record over three replicas, three fields and tiny values and times, so
//   equal dots, covered and uncovered entries and ties are frequent.
// Whenever at least two states of the same record are at hand, merge must be commutative,
// associative and idempotent (compared as canonical JSON bytes) and produce a valid state;
// any violation traps so libFuzzer keeps the input.
import SyncCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let states = bytes.first == UInt8(ascii: "{") ? decodeStates(bytes) : generateStates(bytes)
    checkLaws(states)
    return 0
}

/// Limits wide enough that a union of valid states always validates.
private let unionLimits: RecordLimits = {
    var limits = RecordLimits()
    limits.maximumEntriesPerField = 1 << 20
    limits.maximumFields = 1 << 20
    limits.maximumContextReplicas = 1 << 20
    return limits
}()

private func decodeStates(_ bytes: [UInt8]) -> [RecordState] {
    bytes.split(separator: 0, omittingEmptySubsequences: true).prefix(3).compactMap { part in
        try? RecordState(jsonBytes: part)
    }
}

private func generateStates(_ bytes: [UInt8]) -> [RecordState] {
    var reader = ByteReader(bytes: bytes)
    let replicas = ["A", "b", "server"].compactMap { ReplicaID($0) }
    let names = ["x", "y", RecordState.deletedField]
    var states: [RecordState] = []
    for _ in 0..<3 {
        var context = VersionVector()
        for replica in replicas { context[replica] = UInt64(reader.next() % 4) }
        let seen = replicas.filter { context[$0] > 0 }
        var fields: [String: FieldRegister] = [:]
        for name in names {
            var entries: [FieldEntry] = []
            for _ in 0..<(reader.next() % 4) where !seen.isEmpty {
                let replica = seen[Int(reader.next()) % seen.count]
                let dot = Dot(replica: replica, counter: 1 + UInt64(reader.next()) % context[replica])
                let value: JSONValue = name == RecordState.deletedField
                    ? .bool(reader.next() & 1 == 1) : .integer(Int64(reader.next() % 3))
                let time = HybridTimestamp(wallMillis: Int64(reader.next() % 3), logical: UInt32(reader.next() % 2))
                entries.append(FieldEntry(value: value, dot: dot, time: time))
            }
            fields[name] = FieldRegister(entries)
        }
        if let state = try? RecordState(collection: "c", id: "r", context: context, fields: fields) {
            states.append(state)
        }
    }
    return states
}

private struct ByteReader {
    let bytes: [UInt8]
    var position = 0
    /// The next byte, zero once the input is used up (so short inputs still build states).
    mutating func next() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }
}

private func merge(_ a: RecordState, _ b: RecordState) -> RecordState {
    do { return try a.merged(with: b) } catch { fatalError("merge of the same record threw \(error.code.rawValue)") }
}

private func checkLaws(_ states: [RecordState]) {
    guard states.count >= 2 else {
        if let a = states.first, merge(a, a).canonicalJSON != a.canonicalJSON { fatalError("merge is not idempotent") }
        return
    }
    let a = states[0], b = states[1]
    guard a.collection == b.collection, a.id == b.id else {
        // Different records must be refused, never merged.
        if (try? a.merged(with: b)) != nil { fatalError("states of different records were merged") }
        return
    }
    let ab = merge(a, b)
    if ab.canonicalJSON != merge(b, a).canonicalJSON { fatalError("merge is not commutative") }
    if merge(a, a).canonicalJSON != a.canonicalJSON { fatalError("merge is not idempotent") }
    if merge(ab, b).canonicalJSON != ab.canonicalJSON { fatalError("merge does not absorb a merged side") }
    do { try ab.validate(limits: unionLimits) } catch { fatalError("merged state is invalid: \(error.code.rawValue)") }
    guard states.count == 3, states[2].collection == a.collection, states[2].id == a.id else { return }
    let c = states[2]
    if merge(ab, c).canonicalJSON != merge(a, merge(b, c)).canonicalJSON { fatalError("merge is not associative") }
}
