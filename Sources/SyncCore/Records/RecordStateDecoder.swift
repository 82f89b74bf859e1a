/// Decodes record states straight from JSON bytes, without the `JSONValue` tree of the
/// envelope, context, fields and entries that `RecordState(json:)` walks: no Dictionary per
/// object, no String per known key, no Array per dot or time. Field values are still read
/// into `JSONValue`s (they are kept), by the very reader `JSONParser` uses.
///
/// A fast path only: it returns a state or declines (`nil`), it never reports an error of
/// its own. Whatever it accepts, `RecordState(json: JSONParser().parse(bytes))` accepts too,
/// with an equal state; on anything unusual (malformed JSON, an escaped, unknown or repeated
/// key, a limit reached, a state that does not validate) it declines and the caller runs
/// the tree path, which then throws its exact error. Declining is always safe, so the rare
/// shapes it does not bother with (escapes in keys, unknown envelope members the tree path
/// ignores) are declined rather than handled.
struct RecordStateDecoder {
    var reader: JSONByteReader
    let limits: RecordLimits
    /// The fields of the record being read, gathered before its Dictionary is made at its
    /// final size (growing one costs a rehash per doubling); reused from record to record.
    private var fieldScratch: [(name: String, register: FieldRegister)] = []
    /// Replica ids met so far, with where their bytes are: the same few ids recur in every
    /// dot and context of a batch, and are then neither checked nor made into Strings again.
    var knownReplicas: [(bytes: Range<Int>, replica: ReplicaID)] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: RecordLimits) {
        reader = JSONByteReader(bytes: bytes)
        self.limits = limits
    }

    /// The state that the whole of `bytes` encodes, or `nil` to decline.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, limits: RecordLimits) -> RecordState? {
        var decoder = RecordStateDecoder(bytes: bytes, limits: limits)
        do {
            decoder.reader.skipWhitespace()
            let state = try decoder.readRecord(depth: 1)
            try decoder.finish()
            return state
        } catch {
            return nil
        }
    }

    /// The reason thrown inside the decoder; never leaves it.
    var declined: JSONError { reader.error(.unexpectedCharacter) }

    /// Checks that nothing but whitespace follows.
    mutating func finish() throws(JSONError) {
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw declined }
    }

    /// Reads the record-state object at the reader's position, an object at nesting `depth`
    /// (1 for a document of its own) as `JSONParser` counts it.
    mutating func readRecord(depth: Int) throws(JSONError) -> RecordState {
        try open(UInt8(ascii: "{"), depth: depth)
        guard !(try isEmpty(closedBy: UInt8(ascii: "}"))) else { throw declined }
        var collection: String?, id: String?, context: VersionVector?, fields: [String: FieldRegister]?
        repeat {
            let key = try readKey()
            switch key.count {
            case 10 where matches(key, "collection") && collection == nil: collection = try readString()
            case 2 where matches(key, "id") && id == nil: id = try readString()
            case 7 where matches(key, "context") && context == nil: context = try readContext(depth: depth + 1)
            case 6 where matches(key, "fields") && fields == nil: fields = try readFields(depth: depth + 1)
            default: throw declined // unknown or repeated
            }
        } while try hasMore(closedBy: UInt8(ascii: "}"))
        guard let collection, let id, let context, let fields else { throw declined }
        // The same initializer the tree path ends in, so the state is validated alike.
        do { return try RecordState(collection: collection, id: id, context: context, fields: fields, limits: limits) } catch {
            throw declined
        }
    }

    private mutating func readContext(depth: Int) throws(JSONError) -> VersionVector {
        try open(UInt8(ascii: "{"), depth: depth)
        if try isEmpty(closedBy: UInt8(ascii: "}")) { return VersionVector() }
        var counters: [ReplicaID: UInt64] = [:]
        repeat {
            reader.skipWhitespace()
            let replica = try readReplicaID()
            try expect(UInt8(ascii: ":"))
            let counter = try readInteger()
            guard counter >= 0, counters.updateValue(UInt64(counter), forKey: replica) == nil else { throw declined }
        } while try hasMore(closedBy: UInt8(ascii: "}"))
        return VersionVector(counters)
    }

    private mutating func readFields(depth: Int) throws(JSONError) -> [String: FieldRegister] {
        try open(UInt8(ascii: "{"), depth: depth)
        if try isEmpty(closedBy: UInt8(ascii: "}")) { return [:] }
        fieldScratch.removeAll(keepingCapacity: true)
        repeat {
            reader.skipWhitespace()
            // Field names are read as the parser reads keys (escapes and all).
            let name = try readString()
            try expect(UInt8(ascii: ":"))
            fieldScratch.append((name, try readRegister(depth: depth + 1)))
            // Empty registers count towards the limit, as in the tree path (they are dropped later).
            guard fieldScratch.count <= limits.maximumFields else { throw declined }
        } while try hasMore(closedBy: UInt8(ascii: "}"))
        var fields = [String: FieldRegister](minimumCapacity: fieldScratch.count)
        for (name, register) in fieldScratch {
            // A repeat declines, and so do two names of different bytes that `String` takes
            // for one (the tree path refuses those: at most one of them is a valid ASCII name).
            guard fields.updateValue(register, forKey: name) == nil else { throw declined }
        }
        return fields
    }

    private mutating func readRegister(depth: Int) throws(JSONError) -> FieldRegister {
        try open(UInt8(ascii: "["), depth: depth)
        if try isEmpty(closedBy: UInt8(ascii: "]")) { return FieldRegister() }
        var entries: [FieldEntry] = []
        var dots = Set<Dot>() // only filled for long registers; short ones are searched
        repeat {
            reader.skipWhitespace()
            let entry = try readEntry(depth: depth + 1)
            guard entries.count < limits.maximumEntriesPerField else { throw declined }
            if entries.count < 8 {
                guard !entries.contains(where: { $0.dot == entry.dot }) else { throw declined }
            } else {
                if dots.isEmpty { dots = Set(entries.map(\.dot)) }
                guard dots.insert(entry.dot).inserted else { throw declined }
            }
            entries.append(entry)
        } while try hasMore(closedBy: UInt8(ascii: "]"))
        return FieldRegister(distinctEntries: entries)
    }

    private mutating func readEntry(depth: Int) throws(JSONError) -> FieldEntry {
        try open(UInt8(ascii: "{"), depth: depth)
        guard !(try isEmpty(closedBy: UInt8(ascii: "}"))) else { throw declined }
        var dot: Dot?, time: HybridTimestamp?, value: JSONValue?
        repeat {
            let key = try readKey()
            switch key.count {
            case 3 where matches(key, "dot") && dot == nil: dot = try readDot(depth: depth + 1)
            case 4 where matches(key, "time") && time == nil: time = try readTime(depth: depth + 1)
            case 5 where matches(key, "value") && value == nil: value = try reader.readValue(depth: depth)
            default: throw declined // unknown or repeated
            }
        } while try hasMore(closedBy: UInt8(ascii: "}"))
        guard let dot, let time, let value else { throw declined }
        return FieldEntry(value: value, dot: dot, time: time)
    }

    /// `[replica, counter]`, counter at least 1.
    private mutating func readDot(depth: Int) throws(JSONError) -> Dot {
        try open(UInt8(ascii: "["), depth: depth)
        let replica = try readReplicaID()
        try expect(UInt8(ascii: ","))
        let counter = try readInteger()
        try expect(UInt8(ascii: "]"))
        guard counter >= 1 else { throw declined }
        return Dot(replica: replica, counter: UInt64(counter))
    }

    /// `[milliseconds, logical]`, logical within `UInt32`.
    private mutating func readTime(depth: Int) throws(JSONError) -> HybridTimestamp {
        try open(UInt8(ascii: "["), depth: depth)
        let millis = try readInteger()
        try expect(UInt8(ascii: ","))
        let logical = try readInteger()
        try expect(UInt8(ascii: "]"))
        guard logical >= 0, logical <= Int64(UInt32.max) else { throw declined }
        return HybridTimestamp(wallMillis: millis, logical: UInt32(logical))
    }
}
