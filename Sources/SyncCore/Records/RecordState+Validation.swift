extension RecordState {
    /// Checks names, limits and the context invariant.
    /// - Throws: `SyncCoreError` naming the first problem found.
    public func validate(limits: RecordLimits = RecordLimits()) throws(SyncCoreError) {
        guard Self.isValidCollection(collection) else {
            throw SyncCoreError(.invalidCollection, "collection name must match [a-z][a-z0-9_]{0,31}")
        }
        guard Self.isValidRecordID(id) else {
            throw SyncCoreError(.invalidRecordID, "record id must be 1-64 characters of [A-Za-z0-9._-]")
        }
        guard fields.count <= limits.maximumFields else {
            throw SyncCoreError(.tooManyFields, "more than \(limits.maximumFields) fields")
        }
        guard context.counters.count <= limits.maximumContextReplicas else {
            throw SyncCoreError(.invalidShape, "context names more than \(limits.maximumContextReplicas) replicas")
        }
        // Entries of a record mostly share a replica: its counter is looked up once.
        var lastReplica: ReplicaID?, lastCounter: UInt64 = 0
        for (name, register) in fields {
            guard Self.isValidFieldName(name) else {
                throw SyncCoreError(.invalidFieldName, "field name is not valid")
            }
            // Valid names are ASCII, so the first byte is the first character.
            if name.utf8.first == UInt8(ascii: "_") {
                guard name == Self.deletedField else {
                    throw SyncCoreError(.reservedField, "field \(name) is reserved")
                }
                guard register.entries.allSatisfy({ $0.value.boolValue != nil }) else {
                    throw SyncCoreError(.reservedField, "field \(name) holds booleans only")
                }
            }
            guard register.entries.count <= limits.maximumEntriesPerField else {
                throw SyncCoreError(.tooManyEntries, "field \(name) holds more than \(limits.maximumEntriesPerField) entries")
            }
            for entry in register.entries {
                guard entry.dot.counter > 0 else { throw SyncCoreError(.invalidDot, "field \(name): counter must be at least 1") }
                if entry.dot.replica != lastReplica {
                    lastReplica = entry.dot.replica
                    lastCounter = context[entry.dot.replica]
                }
                guard lastCounter >= entry.dot.counter else { // context.covers(entry.dot)
                    throw SyncCoreError(.dotNotInContext, "field \(name): entry \(entry.dot) is not covered by the context")
                }
                // The bound spares writing out the (nearly always small) value to measure it.
                guard JSONWriter.canonicalSizeBound(entry.value) <= limits.maximumValueBytes
                        || JSONWriter.bytes(entry.value).count <= limits.maximumValueBytes else {
                    throw SyncCoreError(.valueTooLarge, "field \(name): value larger than \(limits.maximumValueBytes) bytes")
                }
            }
        }
    }

    /// Collection names: `[a-z][a-z0-9_]{0,31}`.
    public static func isValidCollection(_ name: String) -> Bool {
        name.withUTF8Bytes { bytes in
            guard let first = bytes.first, bytes.count <= 32, (0x61...0x7A).contains(first) else { return false }
            return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
        }
    }

    /// Record ids: 1 to 64 characters of `[A-Za-z0-9._-]`, the same alphabet as replica ids.
    public static func isValidRecordID(_ id: String) -> Bool { ReplicaID(id) != nil }

    /// Field names: `[A-Za-z_][A-Za-z0-9_]{0,63}`; names starting with `_` are reserved.
    public static func isValidFieldName(_ name: String) -> Bool {
        func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F }
        return name.withUTF8Bytes { bytes in
            guard let first = bytes.first, bytes.count <= 64 else { return false }
            return isLetter(first) && bytes.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) }
        }
    }
}
