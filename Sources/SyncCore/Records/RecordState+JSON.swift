// The JSON shape of a record state (Protocol/PROTOCOL.md, "Record state"):
//
//   {"collection":"honorarium","id":"…","context":{"dev-a":3,"server":1},
//    "fields":{"amount":[{"dot":["dev-a",3],"time":[1764000000000,0],"value":900}]}}
//
// Canonical form: keys sorted, fields sorted by name, entries sorted by dot, no whitespace.

extension RecordState {
    /// The state as a JSON value.
    public var jsonValue: JSONValue {
        var contextObject: [JSONKey: JSONValue] = [:]
        for (replica, counter) in context.counters { contextObject[JSONKey(replica.rawValue)] = .integer(Int64(clamping: counter)) }
        var fieldsObject: [JSONKey: JSONValue] = [:]
        for (name, register) in fields {
            fieldsObject[JSONKey(name)] = .array(register.entries.map(\.jsonValue))
        }
        return .object(["collection": .string(collection), "id": .string(id),
                        "context": .object(contextObject), "fields": .object(fieldsObject)])
    }

    /// The canonical JSON bytes: equal states give identical bytes on every replica.
    public var canonicalJSON: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + fields.count * 96)
        writeCanonicalJSON(into: &out)
        return out
    }

    /// Appends the canonical JSON bytes to `out` (used when streaming pages of states).
    public func writeCanonicalJSON(into out: inout [UInt8]) {
        JSONWriter.writeLiteral(#"{"collection":"#, into: &out)
        JSONWriter.writeString(collection, into: &out)
        JSONWriter.writeLiteral(#","context":{"#, into: &out)
        // Replica ids and field names are ASCII, where String order is byte order.
        var first = true
        for (replica, counter) in context.counters.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONWriter.writeString(replica.rawValue, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.writeInteger(Int64(clamping: counter), into: &out)
        }
        JSONWriter.writeLiteral(#"},"fields":{"#, into: &out)
        first = true
        for (name, register) in fields.sorted(by: { $0.key < $1.key }) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONWriter.writeString(name, into: &out)
            out.append(UInt8(ascii: ":"))
            out.append(UInt8(ascii: "["))
            for (entryIndex, entry) in register.entries.enumerated() {
                if entryIndex > 0 { out.append(UInt8(ascii: ",")) }
                entry.writeCanonicalJSON(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        JSONWriter.writeLiteral(#"},"id":"#, into: &out)
        JSONWriter.writeString(id, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// Reads a state from its JSON value.
    /// - Throws: `SyncCoreError` (`invalid_record` for a wrong shape, or the validation code).
    public init(json: JSONValue, limits: RecordLimits = RecordLimits()) throws(SyncCoreError) {
        guard let object = json.objectValue else { throw SyncCoreError(.invalidShape, "record state must be an object") }
        guard let collection = object["collection"]?.stringValue else {
            throw SyncCoreError(.invalidShape, "collection must be a string")
        }
        guard let id = object["id"]?.stringValue else { throw SyncCoreError(.invalidShape, "id must be a string") }
        guard let contextObject = object["context"]?.objectValue else {
            throw SyncCoreError(.invalidShape, "context must be an object")
        }
        guard let fieldsObject = object["fields"]?.objectValue else {
            throw SyncCoreError(.invalidShape, "fields must be an object")
        }
        guard fieldsObject.count <= limits.maximumFields else {
            throw SyncCoreError(.tooManyFields, "more than \(limits.maximumFields) fields")
        }
        var context = VersionVector()
        for (key, value) in contextObject {
            // Valid replica ids are ASCII, so two distinct keys never make one replica.
            guard let replica = ReplicaID(key.string) else { throw SyncCoreError(.invalidReplicaID, "context has an invalid replica id") }
            guard let counter = value.integerValue, counter >= 0 else {
                throw SyncCoreError(.invalidShape, "context counters must be non-negative integers")
            }
            context[replica] = UInt64(counter)
        }
        var fields: [String: FieldRegister] = [:]
        for (key, value) in fieldsObject {
            let name = key.string
            // Two keys of different bytes that `String` takes for one ("K" and the Kelvin
            // sign U+212A): at most one of them is a valid (ASCII) name, and neither may
            // silently replace the other.
            guard fields[name] == nil else { throw SyncCoreError(.invalidFieldName, "field name is not valid") }
            guard let array = value.arrayValue else { throw SyncCoreError(.invalidShape, "field \(name) must be an array of entries") }
            guard array.count <= limits.maximumEntriesPerField else {
                throw SyncCoreError(.tooManyEntries, "field \(name) holds more than \(limits.maximumEntriesPerField) entries")
            }
            var entries: [FieldEntry] = []
            var dots = Set<Dot>()
            for item in array {
                let entry = try FieldEntry(json: item, field: name)
                guard dots.insert(entry.dot).inserted else {
                    throw SyncCoreError(.duplicateDot, "field \(name) holds the dot \(entry.dot) twice")
                }
                entries.append(entry)
            }
            fields[name] = FieldRegister(entries)
        }
        try self.init(collection: collection, id: id, context: context, fields: fields, limits: limits)
    }

    /// Reads a state from JSON bytes.
    ///
    /// Decodes straight from the bytes (`RecordStateDecoder`) and, when that declines (the
    /// bytes are invalid or unusual), reads them through `JSONParser` and `init(json:)`,
    /// which throw the error. Both accept the same states with equal results.
    /// - Throws: `SyncCoreError` (`invalid_json`, `invalid_record` for a wrong shape, or the validation code).
    public init(jsonBytes: some Collection<UInt8>, limits: RecordLimits = RecordLimits()) throws(SyncCoreError) {
        let decoded = jsonBytes.withContiguousStorageIfAvailable { RecordStateDecoder.decode($0, limits: limits) }
            ?? Array(jsonBytes).withUnsafeBufferPointer { RecordStateDecoder.decode($0, limits: limits) }
        if let decoded {
            self = decoded
            return
        }
        let value: JSONValue
        do { value = try JSONParser().parse(jsonBytes) } catch {
            throw SyncCoreError(.invalidJSON, error.description)
        }
        try self.init(json: value, limits: limits)
    }
}

extension FieldEntry {
    /// The entry as a JSON value: `{"dot":[replica,counter],"time":[ms,logical],"value":…}`.
    public var jsonValue: JSONValue {
        .object(["value": value,
                 "dot": .array([.string(dot.replica.rawValue), .integer(Int64(clamping: dot.counter))]),
                 "time": .array([.integer(time.wallMillis), .integer(Int64(time.logical))])])
    }

    func writeCanonicalJSON(into out: inout [UInt8]) {
        JSONWriter.writeLiteral(#"{"dot":["#, into: &out)
        JSONWriter.writeString(dot.replica.rawValue, into: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.writeInteger(Int64(clamping: dot.counter), into: &out)
        JSONWriter.writeLiteral(#"],"time":["#, into: &out)
        JSONWriter.writeInteger(time.wallMillis, into: &out)
        out.append(UInt8(ascii: ","))
        JSONWriter.writeInteger(Int64(time.logical), into: &out)
        JSONWriter.writeLiteral(#"],"value":"#, into: &out)
        JSONWriter.write(value, into: &out)
        out.append(UInt8(ascii: "}"))
    }

    init(json: JSONValue, field: String) throws(SyncCoreError) {
        guard let object = json.objectValue, let value = object["value"] else {
            throw SyncCoreError(.invalidShape, "field \(field): entry must be an object with a value")
        }
        guard let dotArray = object["dot"]?.arrayValue, dotArray.count == 2,
              let replicaText = dotArray[0].stringValue, let counter = dotArray[1].integerValue else {
            throw SyncCoreError(.invalidDot, "field \(field): dot must be [replica, counter]")
        }
        guard let replica = ReplicaID(replicaText) else {
            throw SyncCoreError(.invalidReplicaID, "field \(field): dot has an invalid replica id")
        }
        guard counter >= 1 else { throw SyncCoreError(.invalidDot, "field \(field): counter must be at least 1") }
        guard let timeArray = object["time"]?.arrayValue, timeArray.count == 2,
              let millis = timeArray[0].integerValue, let logical = timeArray[1].integerValue,
              logical >= 0, logical <= Int64(UInt32.max) else {
            throw SyncCoreError(.invalidShape, "field \(field): time must be [milliseconds, logical]")
        }
        guard object.count == 3 else { throw SyncCoreError(.invalidShape, "field \(field): entry has unknown members") }
        self.init(value: value, dot: Dot(replica: replica, counter: UInt64(counter)),
                  time: HybridTimestamp(wallMillis: millis, logical: UInt32(logical)))
    }
}
