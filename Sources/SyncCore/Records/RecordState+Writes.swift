extension RecordState {
    /// Makes a local write of `replica`: sets each field in `values` to its value.
    ///
    /// The write gets the next dot of `replica` for this record, and every changed field's
    /// register collapses to the one new entry, since this state has seen everything it held.
    /// That is also how a conflict is resolved: write the chosen value.
    /// A field whose register already holds exactly this single value is left alone; when
    /// nothing changes, nothing is written.
    ///
    /// - Parameters:
    ///   - values: new values by field name; `.null` is a value like any other.
    ///   - replica: the writing replica.
    ///   - time: the writer's clock reading. The stamp used is at least one tick after
    ///     every timestamp the record holds, so a write that saw another always shows over it,
    ///     whatever the wall clocks say.
    /// - Returns: the dot and timestamp of the write, or `nil` when nothing changed.
    /// - Throws: `SyncCoreError` for an invalid or reserved field name.
    @discardableResult
    public mutating func write(_ values: [String: JSONValue], by replica: ReplicaID,
                               at time: HybridTimestamp) throws(SyncCoreError) -> (dot: Dot, time: HybridTimestamp)? {
        for name in values.keys {
            guard Self.isValidFieldName(name) else { throw SyncCoreError(.invalidFieldName, "field name is not valid") }
            guard !name.hasPrefix("_") else { throw SyncCoreError(.reservedField, "field \(name) is reserved") }
        }
        let changed = values.filter { name, value in
            guard let entries = fields[name]?.entries else { return true }
            return !(entries.count == 1 && entries[0].value == value)
        }
        guard !changed.isEmpty else { return nil }
        return stamp(changed, by: replica, at: time)
    }

    /// Deletes the record as a write of `replica`.
    ///
    /// Deletion clears every field (personal data leaves every replica once the delete has
    /// synced) and sets `_deleted` to `true`. A write made concurrently on another replica is
    /// not covered by this write's context, so it survives the merge: the record is then
    /// deleted *and* holds data, which `conflicts` reports as delete-versus-update.
    @discardableResult
    public mutating func delete(by replica: ReplicaID, at time: HybridTimestamp) -> (dot: Dot, time: HybridTimestamp) {
        let cleared = fields.keys.filter { $0 != Self.deletedField }
        for name in cleared { fields[name] = nil }
        return stamp([Self.deletedField: .bool(true)], by: replica, at: time)
    }

    /// Restores a deleted record as a write of `replica`, optionally setting fields at the same time.
    ///
    /// What survived the delete (concurrent updates) is kept; `values` can put back the rest.
    @discardableResult
    public mutating func restore(_ values: [String: JSONValue] = [:], by replica: ReplicaID,
                                 at time: HybridTimestamp) throws(SyncCoreError) -> (dot: Dot, time: HybridTimestamp) {
        for name in values.keys where !Self.isValidFieldName(name) || name.hasPrefix("_") {
            throw SyncCoreError(.invalidFieldName, "field name is not valid")
        }
        var all = values
        all[Self.deletedField] = .bool(false)
        return stamp(all, by: replica, at: time)
    }

    /// Resolves a field conflict by keeping the value of the entry with `dot`.
    /// - Throws: `unknownField` when the field holds no entry with that dot.
    @discardableResult
    public mutating func resolve(field: String, keeping dot: Dot, by replica: ReplicaID,
                                 at time: HybridTimestamp) throws(SyncCoreError) -> (dot: Dot, time: HybridTimestamp) {
        guard let entry = fields[field]?.entries.first(where: { $0.dot == dot }) else {
            throw SyncCoreError(.unknownField, "field \(field) holds no entry \(dot)")
        }
        if field == Self.deletedField {
            return entry.value == .bool(true) ? delete(by: replica, at: time) : try restore(by: replica, at: time)
        }
        return stamp([field: entry.value], by: replica, at: time)
    }

    /// Writes `values` with a new dot, replacing the registers of those fields.
    private mutating func stamp(_ values: [String: JSONValue], by replica: ReplicaID,
                                at time: HybridTimestamp) -> (dot: Dot, time: HybridTimestamp) {
        let dot = context.increment(replica)
        let stampTime = max(time, latestTime.successor)
        for (name, value) in values {
            fields[name] = FieldRegister(value: value, dot: dot, time: stampTime)
        }
        return (dot, stampTime)
    }
}

extension RecordState {
    /// This state with `field`'s register holding `entries` only (the context unchanged):
    /// how the state would read if those entries were the field's only ones. For judging
    /// a write whose entry does not win its register (a rule applies to every entry a
    /// replica writes, not only the one shown).
    /// - Throws: when an entry's dot is outside the context.
    public func replacingRegister(_ field: String, with entries: [FieldEntry]) throws(SyncCoreError) -> RecordState {
        var fields = self.fields
        fields[field] = entries.isEmpty ? nil : FieldRegister(entries)
        return try RecordState(collection: collection, id: id, context: context, fields: fields)
    }
}
