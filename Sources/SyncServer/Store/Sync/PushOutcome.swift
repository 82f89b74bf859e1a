import SyncProtocol

/// The outcome of a push: the response body (stored for replays) and counts for logs and metrics.
struct PushOutcome {
    var body: [UInt8]
    var results: [PushResult]
    var replayed: Bool
}
