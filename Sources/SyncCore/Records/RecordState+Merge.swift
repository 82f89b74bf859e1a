extension RecordState {
    /// Merges another state of the same record into a new state.
    ///
    /// The one rule: an entry of either side is kept unless the other side's context covers
    /// its dot and the other side no longer holds it (it saw the write and overwrote it).
    /// The merged context is the pointwise maximum. This covers dominance and concurrency
    /// alike, and is commutative, associative and idempotent.
    ///
    /// - Throws: `SyncCoreError.Code.recordMismatch` when the states are of different records.
    /// - Complexity: O(f · e²) for f fields of at most e entries each.
    public func merged(with other: RecordState) throws(SyncCoreError) -> RecordState {
        guard collection == other.collection, id == other.id else {
            throw SyncCoreError(.recordMismatch, "cannot merge states of different records")
        }
        var result = RecordState(collection: collection, id: id)
        result.context = context.merged(with: other.context)
        var names = Set(fields.keys)
        names.formUnion(other.fields.keys)
        for name in names {
            let mine = fields[name] ?? FieldRegister()
            let theirs = other.fields[name] ?? FieldRegister()
            let register = Self.mergeRegisters(mine, context, theirs, other.context)
            if !register.isEmpty { result.fields[name] = register }
        }
        return result
    }

    /// Merges `other` into this state.
    public mutating func merge(_ other: RecordState) throws(SyncCoreError) {
        self = try merged(with: other)
    }

    static func mergeRegisters(_ a: FieldRegister, _ aContext: VersionVector,
                               _ b: FieldRegister, _ bContext: VersionVector) -> FieldRegister {
        if a == b { return a }
        var kept: [FieldEntry] = []
        kept.reserveCapacity(a.entries.count + b.entries.count)
        for entry in a.entries where !bContext.covers(entry.dot) || b.holds(entry.dot) {
            kept.append(entry)
        }
        for entry in b.entries where (!aContext.covers(entry.dot) || a.holds(entry.dot)) {
            if let index = kept.firstIndex(where: { $0.dot == entry.dot }) {
                // The same dot is the same write; should the two copies differ (corrupt or forged
                // data), keep one chosen by content so the choice does not depend on merge order.
                if kept[index] != entry && Self.canonicalOrder(entry, before: kept[index]) { kept[index] = entry }
            } else {
                kept.append(entry)
            }
        }
        return FieldRegister(kept)
    }

    private static func canonicalOrder(_ x: FieldEntry, before y: FieldEntry) -> Bool {
        if x.time != y.time { return x.time > y.time }
        return JSONWriter.bytes(x.value).lexicographicallyPrecedes(JSONWriter.bytes(y.value))
    }
}
