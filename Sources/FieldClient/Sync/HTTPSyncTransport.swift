import CCurl
import Foundation
import SyncCore
import SyncProtocol

/// `SyncTransport` over HTTP or HTTPS with libcurl (`CurlHTTPClient`).
///
/// Maps every outcome to a `ClientError`: connection failures to `server_unreachable`,
/// timeouts to `timeout`, a certificate that cannot be verified (or a CA file that cannot
/// be read) to `tls_failed`, 5xx to `server_error` (detail: the status), 401 to
/// `device_revoked` or `unauthorized`, any other non-200 or malformed answer to
/// `protocol_error` (detail: the server's error code).
public final class HTTPSyncTransport: SyncTransport {
    /// The server's base URL.
    public let baseURL: URL
    /// The bearer token; `nil` before enrolment.
    public let token: String?
    /// The PEM file of certificate authorities trusted for this server; `nil`: the system's.
    public let caFile: String?
    private let configuration: ClientConfiguration
    /// One keep-alive connection for every request: pushes and pulls reuse it.
    private let client: CurlHTTPClient

    /// Creates a transport; no connection is made until the first request.
    /// - Parameters:
    ///   - baseURL: the server's base URL, `http://` or `https://`.
    ///   - token: the bearer token; `nil` before enrolment.
    ///   - configuration: timeouts and the client version.
    ///   - caFile: a PEM file of the certificate authorities to trust for this server
    ///     instead of the system's (a municipal PKI); `nil`: the system's trust store.
    /// - Throws: `protocol_error` when `baseURL` is not an http(s) URL.
    public init(baseURL: String, token: String?, configuration: ClientConfiguration,
                caFile: String? = nil) throws(ClientError) {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw ClientError(.protocolError, "the server address is not an http or https URL")
        }
        self.baseURL = url
        self.token = token
        self.caFile = caFile
        self.configuration = configuration
        client = CurlHTTPClient(settings: .init(
            connectTimeoutSeconds: configuration.connectTimeoutSeconds,
            idleTimeoutSeconds: configuration.requestTimeoutSeconds,
            totalTimeoutSeconds: configuration.resourceTimeoutSeconds,
            caFile: caFile, userAgent: "forum/\(configuration.clientVersion)"))
    }

    public func enroll(code: String) throws(ClientError) -> EnrollmentGrant {
        let bytes = try send("POST", ProtocolPaths.enroll, body: EnrollmentRequest(code: code).body, authorized: false)
        return try Self.decoded { () throws(WireDecodingError) in try EnrollmentGrant(body: bytes) }
    }

    public func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse {
        let body = PushRequest(batch: batch, records: records).body
        let bytes = try send("POST", ProtocolPaths.push, body: body, authorized: true)
        return try Self.decoded { () throws(WireDecodingError) in try PushResponse(body: bytes) }
    }

    public func push(batch: String, records: [RecordState], encoded: [[UInt8]]) throws(ClientError) -> PushResponse {
        guard encoded.count == records.count else { return try push(batch: batch, records: records) }
        let bytes = try send("POST", ProtocolPaths.push, body: PushRequest.body(batch: batch, encodedRecords: encoded),
                             authorized: true)
        return try Self.decoded { () throws(WireDecodingError) in try PushResponse(body: bytes) }
    }

    public func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let cursor { query.insert(URLQueryItem(name: "cursor", value: cursor), at: 0) }
        let bytes = try send("GET", ProtocolPaths.pull, query: query, body: nil, authorized: true)
        return try Self.decoded { () throws(WireDecodingError) in try PullPage(body: bytes) }
    }

    public func reportAudit(_ events: [DeviceAuditEvent]) throws(ClientError) -> Int {
        let bytes = try send("POST", ProtocolPaths.audit, body: AuditReport(events: events).body, authorized: true)
        return try Self.decoded { () throws(WireDecodingError) in try AuditReceipt(body: bytes) }.recorded
    }

    public func confirmWipe(removed: Int) throws(ClientError) {
        do {
            _ = try send("GET", ProtocolPaths.pull, query: [URLQueryItem(name: "limit", value: "1")], body: nil,
                         authorized: true, headers: ["Forum-Wiped": String(removed)])
        } catch where error.code == .deviceRevoked {
            return // The expected answer: revoked, the report taken.
        }
        throw ClientError(.protocolError, "the server answered a revoked device's wipe report with 200")
    }

    /// Sends one request and returns the body of a 200 answer.
    func send(_ method: String, _ path: String, query: [URLQueryItem] = [], body: [UInt8]?,
              authorized: Bool, headers: [String: String] = [:]) throws(ClientError) -> [UInt8] {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url else { throw ClientError(.protocolError, "could not build the request URL") }
        var lines = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        if body != nil { lines.append("Content-Type: application/json") }
        if authorized {
            guard let token else { throw ClientError(.notEnrolled, "no token; enrol this device first") }
            lines.append("Authorization: Bearer \(token)")
        }
        switch client.perform(method: method, url: url.absoluteString, headers: lines, body: body) {
        case .success(let response): return try Self.check(status: response.status, body: response.body)
        case .failure(let failure): throw Self.map(failure)
        }
    }

    /// The body of a 200 answer, or the error for any other status.
    static func check(status: Int, body: [UInt8]) throws(ClientError) -> [UInt8] {
        // Only an error body is read for its code: parsing every 200 body here too made
        // each pulled page be parsed twice.
        if status == 200 { return body }
        let code = WireError(body: body)?.code
        switch status {
        case 401 where code == WireErrorCode.deviceRevoked.rawValue:
            // `"wipe": true`: the admin asked this device to remove its synced records.
            let wipe = WireError(body: body)?.extra["wipe"]?.boolValue == true
            throw ClientError(.deviceRevoked, "the server says this device has been revoked", detailCode: code,
                              detailParams: wipe ? [ClientError.wipeParameter: "true"] : [:])
        case 401:
            throw ClientError(.unauthorized, "the server did not accept the credentials", detailCode: code)
        case 500...599:
            throw ClientError(.serverError, "the server answered \(status)", detailCode: String(status))
        default:
            throw ClientError(.protocolError, "the server answered \(status)", detailCode: code ?? String(status))
        }
    }

    /// An answer decoded by `SyncProtocol`, or `protocol_error` with what was wrong.
    static func decoded<T>(_ decode: () throws(WireDecodingError) -> T) throws(ClientError) -> T {
        do { return try decode() } catch { throw ClientError(.protocolError, error.message) }
    }

    /// The `ClientError` for a request that got no complete answer.
    ///
    /// A certificate that cannot be verified is not transient: trying again cannot help, and
    /// it may mean someone is in the middle, so it gets its own code for a clear message.
    static func map(_ failure: CurlHTTPClient.Failure) -> ClientError {
        let detail = "libcurl \(failure.code): \(failure.message)"
        switch failure.code {
        case CURLResult.operationTimedOut:
            return ClientError(.timeout, "the server did not answer in time (\(detail))")
        case let code where CURLResult.tlsVerification.contains(code):
            return ClientError(.tlsFailed, "the server's certificate could not be verified (\(detail))",
                               detailCode: String(failure.code))
        default:
            return ClientError(.serverUnreachable, "no connection to the server (\(detail))", detailCode: String(failure.code))
        }
    }
}

/// The libcurl result codes `HTTPSyncTransport.map` tells apart.
enum CURLResult {
    /// A connect, idle or total deadline passed.
    static let operationTimedOut = CURLE_OPERATION_TIMEDOUT.rawValue
    /// The server's identity could not be established: its certificate (unknown issuer,
    /// expired, wrong host name, pinned key mismatch), or the CA file or revocation list
    /// (missing, not PEM).
    static let tlsVerification: Set<UInt32> = Set([
        CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE,
        CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
    ].map(\.rawValue))
}
