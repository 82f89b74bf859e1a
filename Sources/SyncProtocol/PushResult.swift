import SyncCore

/// What the server did with one pushed record (PROTOCOL.md §13).
public struct PushResult: Sendable, Equatable {
    /// `merged`, `unchanged`, `conflict` or `refused`.
    public enum Status: String, Sendable, CaseIterable {
        case merged, unchanged, conflict, refused
    }

    public var collection: String
    public var id: String
    public var status: Status
    /// Why the write was refused (only for `refused`).
    public var reason: RecordRefusal?
    /// For `refused`: the server's current state of the record when the device may read
    /// it, which the device puts its copy back to (§8); `nil` when the server has none or
    /// the record is outside the device's scope, and the device drops its copy.
    public var state: RecordState?

    public init(collection: String, id: String, status: Status, reason: RecordRefusal? = nil, state: RecordState? = nil) {
        self.collection = collection
        self.id = id
        self.status = status
        self.reason = reason
        self.state = state
    }

    /// The result as sent.
    public var jsonValue: JSONValue {
        var object: [JSONKey: JSONValue] = ["collection": .string(collection), "id": .string(id),
                                           "status": .string(status.rawValue)]
        if let reason { object["reason"] = reason.jsonValue }
        if let state { object["state"] = state.jsonValue }
        return .object(object)
    }

    /// A result read strictly: collection, id and a known status; a refused result's state,
    /// when present, must be a valid state of that very record.
    public init(json item: JSONValue) throws(WireDecodingError) {
        guard let collection = item["collection"]?.stringValue, let id = item["id"]?.stringValue,
              let statusText = item["status"]?.stringValue, let status = Status(rawValue: statusText) else {
            throw WireDecodingError("a push result lacks collection, id or a known status")
        }
        var state: RecordState?
        if status == .refused, let json = item["state"] {
            do { state = try RecordState(json: json) } catch {
                throw WireDecodingError("a refused result carries an invalid record state (\(error.code.rawValue))")
            }
            guard state?.collection == collection, state?.id == id else {
                throw WireDecodingError("a refused result carries another record's state")
            }
        }
        self.init(collection: collection, id: id, status: status,
                  reason: status == .refused ? RecordRefusal(json: item["reason"]) : nil, state: state)
    }
}
