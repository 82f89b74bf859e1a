import SyncCore

/// What the server did with one pushed record.
public struct PushResult: Sendable, Equatable {
    /// `merged`, `unchanged`, `conflict` or `refused`.
    public enum Status: String, Sendable {
        case merged, unchanged, conflict, refused
    }

    public var collection: String
    public var id: String
    public var status: Status
    /// Why the write was refused (only for `refused`).
    public var reason: PolicyRefusal?
    /// For `refused`: the server's current state of the record when the device may read
    /// it; `nil` when the server has none or the record is outside the device's scope.
    public var state: RecordState?

    public init(collection: String, id: String, status: Status, reason: PolicyRefusal? = nil, state: RecordState? = nil) {
        self.collection = collection
        self.id = id
        self.status = status
        self.reason = reason
        self.state = state
    }

    /// The result as protocol JSON.
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["collection": .string(collection), "id": .string(id),
                                           "status": .string(status.rawValue)]
        if let reason {
            var detail: [String: JSONValue] = ["code": .string(reason.code), "message": .string(reason.message)]
            if !reason.parameters.isEmpty { detail["parameters"] = .object(reason.parameters.mapValues(JSONValue.string)) }
            object["reason"] = .object(detail)
        }
        if let state { object["state"] = state.jsonValue }
        return .object(object)
    }
}

/// The outcome of a push: the response body (stored for replays) and counts for logs and metrics.
struct PushOutcome {
    var body: [UInt8]
    var results: [PushResult]
    var replayed: Bool
}
