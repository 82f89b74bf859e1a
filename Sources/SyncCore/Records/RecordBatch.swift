/// A JSON object carrying an array of record states under one key plus a few other members,
/// such as the client's pull page (`{"records":[…],"cursor":"…","more":true}`) or the
/// server's push body (`{"batch":"…","records":[…]}`), decoded straight from its bytes.
///
/// The records are read by `RecordStateDecoder`, without a `JSONValue` tree; the other
/// members are read into `JSONValue`s by the parser's own code.
public struct RecordBatch: Sendable {
    /// The record states, in the order sent.
    public let records: [RecordState]
    /// Every member but the records, read exactly as `JSONParser` reads them (keys told
    /// apart by their bytes).
    public let members: [JSONKey: JSONValue]

    /// Decodes a batch, or returns `nil`: whenever the bytes are not such an object or
    /// anything in them is invalid or unusual, e.g. a record that is not a valid state, more
    /// than `maximumRecords` records, a repeated key. A fast path: callers then read the
    /// bytes with `JSONParser` and `RecordState(json:)`, which report the exact error. What
    /// this accepts, that path accepts too, with equal states and members.
    /// - Parameters:
    ///   - jsonBytes: the whole document.
    ///   - recordsKey: the member holding the array of record states.
    ///   - maximumRecords: more records than this are declined.
    ///   - limits: limits each record state is checked against.
    public init?(jsonBytes: some Collection<UInt8>, recordsKey: String = "records", maximumRecords: Int = .max,
                 limits: RecordLimits = RecordLimits()) {
        let read = { (buffer: UnsafeBufferPointer<UInt8>) -> (records: [RecordState], members: [JSONKey: JSONValue])? in
            var decoder = RecordStateDecoder(bytes: buffer, limits: limits)
            do { return try decoder.readBatch(recordsKey: recordsKey, maximumRecords: maximumRecords) } catch { return nil }
        }
        guard let batch = jsonBytes.withContiguousStorageIfAvailable(read) ?? Array(jsonBytes).withUnsafeBufferPointer(read) else {
            return nil
        }
        records = batch.records
        members = batch.members
    }
}

extension RecordStateDecoder {
    /// Reads the whole document as a batch: the top-level object (nesting 1), its records
    /// array (2) and the record states in it (3), so depth is counted as the parser counts it.
    mutating func readBatch(recordsKey: String, maximumRecords: Int) throws(JSONError)
        -> (records: [RecordState], members: [JSONKey: JSONValue]) {
        reader.skipWhitespace()
        try open(UInt8(ascii: "{"), depth: 1)
        guard !(try isEmpty(closedBy: UInt8(ascii: "}"))) else { throw declined }
        var records: [RecordState]?
        var members: [JSONKey: JSONValue] = [:]
        let recordsKey = JSONKey(recordsKey)
        repeat {
            reader.skipWhitespace()
            // Keys are `JSONKey`s compared by their bytes, as the parser compares them, so a
            // key the parser would take for a repeat is one here too, and no other.
            let key = JSONKey(try readString())
            try expect(UInt8(ascii: ":"))
            if key == recordsKey {
                guard records == nil else { throw declined }
                records = try readRecords(depth: 2, maximumRecords: maximumRecords)
            } else {
                guard members.updateValue(try reader.readValue(depth: 1), forKey: key) == nil else { throw declined }
            }
        } while try hasMore(closedBy: UInt8(ascii: "}"))
        try finish()
        guard let records else { throw declined }
        return (records, members)
    }

    private mutating func readRecords(depth: Int, maximumRecords: Int) throws(JSONError) -> [RecordState] {
        try open(UInt8(ascii: "["), depth: depth)
        var records: [RecordState] = []
        if try isEmpty(closedBy: UInt8(ascii: "]")) { return records }
        repeat {
            reader.skipWhitespace()
            guard records.count < maximumRecords else { throw declined }
            records.append(try readRecord(depth: depth + 1))
        } while try hasMore(closedBy: UInt8(ascii: "]"))
        return records
    }
}
