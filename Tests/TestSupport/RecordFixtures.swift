import SyncCore

/// Builders for record states used across test targets.
public enum RecordFixtures {
    /// A replica id from a literal known to be valid.
    public static func replica(_ name: String) -> ReplicaID {
        guard let id = ReplicaID(name) else { preconditionFailure("invalid test replica id \(name)") }
        return id
    }

    /// A record of `collection`/`id` with `fieldCount` fields written by `replica`.
    public static func record(collection: String = "honorarium", id: String, fieldCount: Int = 10,
                              replica: ReplicaID = replica("dev-a"), time: Int64 = 1_764_000_000_000,
                              seed: Int = 0) -> RecordState {
        var state = RecordState(collection: collection, id: id)
        var values: [String: JSONValue] = [:]
        for index in 0..<fieldCount {
            values["field\(index)"] = index % 3 == 0 ? .integer(Int64(index * 100 + seed)) : .string("värde \(index) \(seed)")
        }
        _ = try? state.write(values, by: replica, at: HybridTimestamp(wallMillis: time))
        return state
    }
}
