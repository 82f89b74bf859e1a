import SyncCore

/// The body of `POST /v1/sync/push` (PROTOCOL.md §13): `{"batch":"…","records":[…]}`.
/// The client encodes it, the server decodes and validates it; both use this type.
public struct PushRequest: Sendable, Equatable {
    /// What a server accepts in one push.
    public struct Limits: Sendable, Equatable {
        /// Most records in one push (413 `too_many_records` beyond). Default 10,000.
        public var maxRecords: Int
        /// Longest batch id in bytes. Default 64.
        public var maxBatchIDLength: Int

        public init(maxRecords: Int = 10_000, maxBatchIDLength: Int = 64) {
            self.maxRecords = maxRecords
            self.maxBatchIDLength = maxBatchIDLength
        }
    }

    /// The client's id for this batch, 1–`maxBatchIDLength` bytes of `[A-Za-z0-9._-]`.
    public let batch: String
    /// The record states, in the order they are answered.
    public let records: [RecordState]

    /// A request to send.
    public init(batch: String, records: [RecordState]) {
        self.batch = batch
        self.records = records
    }

    /// The body as sent: the batch id, then each record in canonical form.
    public var body: [UInt8] {
        var out = Array(#"{"batch":"#.utf8)
        JSONWriter.writeString(batch, into: &out)
        out.append(contentsOf: Array(#","records":["#.utf8))
        for (index, record) in records.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            record.writeCanonicalJSON(into: &out)
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    /// The body for records already in canonical form (`encodedRecords[i]` is the
    /// `canonicalJSON` of the i-th record): byte for byte what `body` gives for them, the
    /// records copied rather than encoded again (encoding was about 24 ms per MiB).
    public static func body(batch: String, encodedRecords: [[UInt8]]) -> [UInt8] {
        var out = Array(#"{"batch":"#.utf8)
        out.reserveCapacity(encodedRecords.reduce(batch.utf8.count + 32) { $0 + $1.count + 1 })
        JSONWriter.writeString(batch, into: &out)
        out.append(contentsOf: #","records":["#.utf8)
        for (index, record) in encodedRecords.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: record)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// Reads only the batch id, so a repeated batch can be replayed before anything else.
    /// - Throws: `invalid_request`.
    public static func batchID(of json: JSONValue, limits: Limits) throws(WireError) -> String {
        guard let object = json.objectValue else {
            throw WireError(.invalidRequest, "The body must be a JSON object with batch and records.")
        }
        guard let batch = object["batch"]?.stringValue, isValidBatchID(batch, maxLength: limits.maxBatchIDLength) else {
            throw WireError(.invalidRequest, "batch must be 1-\(limits.maxBatchIDLength) characters of [A-Za-z0-9._-].")
        }
        return batch
    }

    /// Validates a whole parsed body: shapes, record states, collections, record count.
    /// - Throws: `invalid_request`; SyncCore's validation code (`invalid_record`,
    ///   `dot_not_in_context`, …) with the record's `index`; `too_many_records`;
    ///   `unknown_collection` with `index`.
    public init(json: JSONValue, limits: Limits, collections: Set<String>) throws(WireError) {
        batch = try Self.batchID(of: json, limits: limits)
        guard let object = json.objectValue, let items = object["records"]?.arrayValue else {
            throw WireError(.invalidRequest, "records must be an array of record states.")
        }
        guard object.count == 2 else { throw WireError(.invalidRequest, "The body has unknown members.") }
        guard items.count <= limits.maxRecords else {
            throw WireError(.tooManyRecords, "A push may carry at most \(limits.maxRecords) records.")
        }
        var records: [RecordState] = []
        records.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let state: RecordState
            do { state = try RecordState(json: item) } catch {
                throw WireError(WireErrorCode(rawValue: error.code.rawValue) ?? .invalidRecord,
                                "Record \(index) is not a valid record state: \(error.message)",
                                extra: ["index": .integer(Int64(index))])
            }
            guard collections.contains(state.collection) else {
                throw WireError(.unknownCollection, "Record \(index) names a collection the server does not know.",
                                extra: ["index": .integer(Int64(index))])
            }
            records.append(state)
        }
        self.records = records
    }

    /// The body decoded straight from its bytes, without a `JSONValue` tree, when it is
    /// valid in every respect; `nil` for anything else, and `init(json:…)` then gives the
    /// exact error. What this accepts, the tree path accepts with the same batch and records.
    public init?(body: [UInt8], limits: Limits, collections: Set<String>) {
        guard let decoded = RecordBatch(jsonBytes: body, maximumRecords: limits.maxRecords),
              decoded.members.count == 1, let batch = decoded.members["batch"]?.stringValue,
              Self.isValidBatchID(batch, maxLength: limits.maxBatchIDLength),
              decoded.records.allSatisfy({ collections.contains($0.collection) }) else { return nil }
        self.batch = batch
        records = decoded.records
    }

    /// Whether `text` is a valid batch id.
    public static func isValidBatchID(_ text: String, maxLength: Int) -> Bool {
        let bytes = Array(text.utf8)
        return !bytes.isEmpty && bytes.count <= maxLength && bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
    }
}
