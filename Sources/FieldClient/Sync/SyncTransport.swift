import SyncCore
import SyncProtocol

/// The three calls of protocol v1, as a field client makes them.
///
/// Implementations are synchronous (the CLI has nothing else to do meanwhile) and report
/// every failure as a `ClientError` with a stable code; `SyncEngine` decides on retries.
public protocol SyncTransport {
    /// `POST /v1/enroll` with a one-time code.
    func enroll(code: String) throws(ClientError) -> EnrollmentGrant
    /// `POST /v1/sync/push`.
    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse
    /// `POST /v1/sync/push` of `records` whose canonical JSON is at hand (`encoded[i]` is
    /// `records[i].canonicalJSON`, the bytes the replica stores): the same request, without
    /// encoding each state again. Defaults to `push(batch:records:)`.
    func push(batch: String, records: [RecordState], encoded: [[UInt8]]) throws(ClientError) -> PushResponse
    /// `GET /v1/sync/pull`; `cursor` `nil` means from the beginning.
    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage
    /// Tells the server that this revoked device removed `removed` records as it was asked
    /// to (`Forum-Wiped` on a request the server answers `device_revoked`, PROTOCOL.md §12).
    func confirmWipe(removed: Int) throws(ClientError)
    /// `POST /v1/audit`: what this device did offline with personal data (PROTOCOL.md §13a).
    /// - Returns: how many events the server had not recorded before.
    func reportAudit(_ events: [DeviceAuditEvent]) throws(ClientError) -> Int
}

extension SyncTransport {
    /// Encodes the states anew: a transport that builds no body of its own needs no bytes.
    public func push(batch: String, records: [RecordState], encoded: [[UInt8]]) throws(ClientError) -> PushResponse {
        try push(batch: batch, records: records)
    }
}
