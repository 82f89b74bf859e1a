/// Every code a protocol v1 error body (`{"error":{"code":…}}`, PROTOCOL.md §16) can carry,
/// with the HTTP status it is answered with. The one declaration client and server share:
/// the server answers only these codes, the client branches only on them, and a test keeps
/// PROTOCOL.md's table equal to this list.
///
/// Per-record refusals in push results are not errors of this kind: see `RecordRefusal`.
public enum WireErrorCode: String, Sendable, CaseIterable, Hashable {
    // MARK: Request shape (400)
    /// The path's version is not one the server speaks; carries `supported`.
    case unsupportedProtocolVersion = "unsupported_protocol_version"
    /// The body is not JSON under §2; carries nothing.
    case invalidJSON = "invalid_json"
    /// Members missing or of the wrong type, a bad batch id, a pull `limit` out of range.
    case invalidRequest = "invalid_request"
    /// A pushed record state has the wrong shape; the state checks below carry `index`.
    case invalidRecord = "invalid_record"
    case invalidCollection = "invalid_collection"
    case invalidRecordID = "invalid_record_id"
    case invalidFieldName = "invalid_field_name"
    case reservedField = "reserved_field"
    case invalidReplicaID = "invalid_replica_id"
    case invalidDot = "invalid_dot"
    case dotNotInContext = "dot_not_in_context"
    case duplicateDot = "duplicate_dot"
    case tooManyFields = "too_many_fields"
    case tooManyEntries = "too_many_entries"
    case valueTooLarge = "value_too_large"
    /// The pull cursor is malformed or ahead of the server.
    case invalidCursor = "invalid_cursor"

    // MARK: Authentication (401)
    case invalidEnrollmentCode = "invalid_enrollment_code"
    case missingToken = "missing_token"
    case invalidToken = "invalid_token"
    case deviceRevoked = "device_revoked"

    // MARK: Routing (404, 405)
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"

    // MARK: Purged history (410)
    /// Tombstones the device may still hold were purged since its last pull (PROTOCOL.md
    /// §14d): pull from the beginning, then push.
    case resyncRequired = "resync_required"

    // MARK: Replays (409)
    /// A batch id reused with another body.
    case batchIDReused = "batch_id_reused"

    // MARK: Size (413) and content (422)
    case bodyTooLarge = "body_too_large"
    case tooManyRecords = "too_many_records"
    /// A pushed record names a collection the server does not know; carries `index`.
    case unknownCollection = "unknown_collection"

    // MARK: Load (429, 503)
    /// Too many failed attempts from one address; `Retry-After` says when to retry.
    case rateLimited = "rate_limited"
    case tooManyConnectionsFromAddress = "too_many_connections_from_address"
    case tooManyConnections = "too_many_connections"
    case serverBusy = "server_busy"

    // MARK: Failure (500)
    /// The server failed; nothing was stored. Every 500 carries this code.
    case internalError = "internal_error"

    /// The HTTP status this code is answered with.
    public var httpStatus: Int {
        switch self {
        case .unsupportedProtocolVersion, .invalidJSON, .invalidRequest, .invalidRecord, .invalidCollection,
             .invalidRecordID, .invalidFieldName, .reservedField, .invalidReplicaID, .invalidDot, .dotNotInContext,
             .duplicateDot, .tooManyFields, .tooManyEntries, .valueTooLarge, .invalidCursor: 400
        case .invalidEnrollmentCode, .missingToken, .invalidToken, .deviceRevoked: 401
        case .notFound: 404
        case .methodNotAllowed: 405
        case .batchIDReused: 409
        case .resyncRequired: 410
        case .bodyTooLarge, .tooManyRecords: 413
        case .unknownCollection: 422
        case .rateLimited, .tooManyConnectionsFromAddress: 429
        case .tooManyConnections, .serverBusy: 503
        case .internalError: 500
        }
    }

    /// Whether a client may send the same request again later and expect it to succeed.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .tooManyConnectionsFromAddress, .tooManyConnections, .serverBusy, .internalError: true
        default: false
        }
    }
}
