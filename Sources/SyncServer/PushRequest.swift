import SyncCore

/// A validated push body: `{"batch":"…","records":[<record state>…]}`.
struct PushRequest {
    let batch: String
    let records: [RecordState]

    /// Reads only the batch id, so a repeated batch can be replayed before anything else.
    static func batchID(of json: JSONValue, maxLength: Int) throws(SyncServerError) -> String {
        guard let object = json.objectValue else {
            throw .badRequest("invalid_request", "The body must be a JSON object with batch and records.")
        }
        guard let batch = object["batch"]?.stringValue, isValidBatchID(batch, maxLength: maxLength) else {
            throw .badRequest("invalid_request", "batch must be 1-\(maxLength) characters of [A-Za-z0-9._-].")
        }
        return batch
    }

    /// Validates the whole body: shapes, record states, collections, record count.
    /// - Throws: `invalid_request`, SyncCore's validation code (`invalid_record`, `dot_not_in_context`, … with the
    ///   record's `index`), 422 `unknown_collection`, 413 `too_many_records`.
    init(json: JSONValue, configuration: SyncServerConfiguration, collections: Set<String>) throws(SyncServerError) {
        batch = try Self.batchID(of: json, maxLength: configuration.maxBatchIDLength)
        guard let object = json.objectValue, let items = object["records"]?.arrayValue else {
            throw .badRequest("invalid_request", "records must be an array of record states.")
        }
        guard object.count == 2 else { throw .badRequest("invalid_request", "The body has unknown members.") }
        guard items.count <= configuration.maxRecordsPerPush else {
            throw SyncServerError("too_many_records", status: 413,
                                  "A push may carry at most \(configuration.maxRecordsPerPush) records.")
        }
        var records: [RecordState] = []
        records.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let state: RecordState
            do { state = try RecordState(json: item) } catch {
                // The protocol answers with SyncCore's own validation code (`invalid_record`
                // for a wrong shape, `dot_not_in_context`, …).
                throw .badRequest(error.code.rawValue, "Record \(index) is not a valid record state: \(error.message)",
                                  extra: ["index": .integer(Int64(index))])
            }
            guard collections.contains(state.collection) else {
                throw SyncServerError("unknown_collection", status: 422,
                                      "Record \(index) names a collection the server does not know.",
                                      extra: ["index": .integer(Int64(index))])
            }
            records.append(state)
        }
        self.records = records
    }

    static func isValidBatchID(_ text: String, maxLength: Int) -> Bool {
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
