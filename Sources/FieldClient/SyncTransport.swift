import SyncCore

/// What the server answered to enrolment.
public struct EnrollmentGrant: Sendable, Equatable {
    public let replica: ReplicaID
    public let token: String
    public let role: String
    public let municipalities: [String]
    public let serverReplica: String

    public init(replica: ReplicaID, token: String, role: String, municipalities: [String], serverReplica: String) {
        self.replica = replica
        self.token = token
        self.role = role
        self.municipalities = municipalities
        self.serverReplica = serverReplica
    }
}

/// The server's verdict on one pushed record.
public struct PushResult: Sendable, Equatable {
    /// `merged`, `unchanged`, `conflict` or `refused`.
    public enum Status: String, Sendable { case merged, unchanged, conflict, refused }
    public let collection: String
    public let id: String
    public let status: Status
    /// The domain's code and English message when refused.
    public let reasonCode: String?
    public let reasonMessage: String?
    /// The values the reason's message refers to (field names, limits, statuses).
    public let reasonParameters: [String: String]
    /// For `refused`: the server's state of the record, when the device may read it; the
    /// device puts its copy back to it (PROTOCOL.md §8). `nil`: the device drops its copy.
    public let state: RecordState?

    public init(collection: String, id: String, status: Status, reasonCode: String? = nil, reasonMessage: String? = nil,
                reasonParameters: [String: String] = [:], state: RecordState? = nil) {
        self.state = state
        self.collection = collection
        self.id = id
        self.status = status
        self.reasonCode = reasonCode
        self.reasonMessage = reasonMessage
        self.reasonParameters = reasonParameters
    }
}

/// The answer to a push.
public struct PushResponse: Sendable, Equatable {
    public let batch: String
    /// One result per pushed record, in request order.
    public let results: [PushResult]
    /// The server's clock when it answered.
    public let serverTime: HybridTimestamp?

    public init(batch: String, results: [PushResult], serverTime: HybridTimestamp?) {
        self.batch = batch
        self.results = results
        self.serverTime = serverTime
    }
}

/// One page of the server's change feed.
public struct PullPage: Sendable, Equatable {
    public let records: [RecordState]
    /// The opaque cursor to store with this page and send next time.
    public let cursor: String
    /// Whether more pages follow.
    public let more: Bool

    public init(records: [RecordState], cursor: String, more: Bool) {
        self.records = records
        self.cursor = cursor
        self.more = more
    }
}

/// The three calls of protocol v1, as a field client makes them.
///
/// Implementations are synchronous (the CLI has nothing else to do meanwhile) and report
/// every failure as a `ClientError` with a stable code; `SyncEngine` decides on retries.
public protocol SyncTransport {
    /// `POST /v1/enroll` with a one-time code.
    func enroll(code: String) throws(ClientError) -> EnrollmentGrant
    /// `POST /v1/sync/push`.
    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse
    /// `GET /v1/sync/pull`; `cursor` `nil` means from the beginning.
    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage
}
