import SyncCore

extension PushRequest {
    /// The push body decoded straight from its bytes, without a `JSONValue` tree, when it
    /// is valid in every respect: `{"batch":…,"records":[…]}` and nothing else, a valid
    /// batch id, at most `maxRecordsPerPush` valid record states, each of a known
    /// collection. `nil` for anything else; `init(json:…)` then gives the exact error.
    /// What this accepts, the tree path accepts with the same batch and records.
    init?(body: [UInt8], configuration: SyncServerConfiguration, collections: Set<String>) {
        guard let decoded = RecordBatch(jsonBytes: body, maximumRecords: configuration.maxRecordsPerPush),
              decoded.members.count == 1, let batch = decoded.members["batch"]?.stringValue,
              Self.isValidBatchID(batch, maxLength: configuration.maxBatchIDLength),
              decoded.records.allSatisfy({ collections.contains($0.collection) }) else { return nil }
        self.batch = batch
        records = decoded.records
    }
}
