import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SyncCore
import SyncProtocol

/// `SyncTransport` over HTTP with URLSession.
///
/// Maps every outcome to a `ClientError`: connection failures to `server_unreachable`,
/// timeouts to `timeout`, 5xx to `server_error` (detail: the status), 401 to
/// `device_revoked` or `unauthorized`, any other non-200 or malformed answer to
/// `protocol_error` (detail: the server's error code).
public final class HTTPSyncTransport: SyncTransport {
    /// The server's base URL.
    public let baseURL: URL
    /// The bearer token; `nil` before enrolment.
    public let token: String?
    private let configuration: ClientConfiguration
    private let sessionConfiguration: URLSessionConfiguration
    /// Notices libcurl's attempts to re-send a request without its body.
    private let resendGuard = BodyResendGuard()
    /// The one session for every request, so that they share one keep-alive connection.
    private let session: URLSession

    /// Creates a transport.
    /// - Throws: `protocol_error` when `baseURL` is not an http(s) URL.
    public init(baseURL: String, token: String?, configuration: ClientConfiguration) throws(ClientError) {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host != nil else {
            throw ClientError(.protocolError, "the server address is not an http or https URL")
        }
        self.baseURL = url
        self.token = token
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.timeoutIntervalForRequest = configuration.requestTimeoutSeconds
        sessionConfiguration.timeoutIntervalForResource = configuration.resourceTimeoutSeconds
        sessionConfiguration.httpAdditionalHeaders = ["User-Agent": "forum/\(configuration.clientVersion)"]
        self.sessionConfiguration = sessionConfiguration
        session = URLSession(configuration: sessionConfiguration, delegate: resendGuard, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func enroll(code: String) throws(ClientError) -> EnrollmentGrant {
        let bytes = try send("POST", ProtocolPaths.enroll, body: EnrollmentRequest(code: code).body, authorized: false)
        return try Self.decoded { () throws(WireDecodingError) in try EnrollmentGrant(body: bytes) }
    }

    public func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse {
        let body = PushRequest(batch: batch, records: records).body
        let bytes = try send("POST", ProtocolPaths.push, body: body, authorized: true)
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
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("forum/\(configuration.clientVersion)", forHTTPHeaderField: "User-Agent")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if authorized {
            guard let token else { throw ClientError(.notEnrolled, "no token; enrol this device first") }
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        }
        let (data, response, error) = perform(request)
        if let error { throw Self.map(error) }
        guard let http = response as? HTTPURLResponse else {
            throw ClientError(.protocolError, "the server's answer was not HTTP")
        }
        let bytes = [UInt8](data ?? Data())
        return try Self.check(status: http.statusCode, body: bytes)
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

    static func map(_ error: any Error) -> ClientError {
        guard let urlError = error as? URLError else {
            return ClientError(.serverUnreachable, "the request failed before an answer arrived")
        }
        switch urlError.code {
        case .timedOut: return ClientError(.timeout, "the server did not answer in time")
        default: return ClientError(.serverUnreachable, "no connection to the server (URLError \(urlError.code.rawValue))")
        }
    }

    /// Sends a request and waits for the outcome: the CLI is synchronous.
    ///
    /// Every request goes over the one pooled session, so pushes and pulls reuse one
    /// keep-alive connection. That matters beyond the handshake: FoundationNetworking keeps
    /// a socket's write-readiness source for the rest of a request once libcurl had to wait
    /// to write, and that source then fires continuously until the answer arrives. libcurl
    /// learns that a new connection is established by waiting for it to become writable, so
    /// a request on a new connection spins a core for its whole duration (measured: 36 ms CPU for a request
    /// answered after 50 ms, against 1.1 ms on a reused connection; BENCHMARKS.md,
    /// "Transport"). So does a body over 64 KiB, which libcurl writes in more than one go.
    ///
    /// A reused connection can turn out dead after the request was written; libcurl then
    /// re-sends it on a new connection but cannot rewind an in-memory body. `BodyResendGuard`
    /// cancels such a re-send, and the request goes again here, on a session of its own:
    /// a connection of its own, which libcurl never re-sends on. The server sees the request
    /// at most twice, as it may after any lost answer (a push's batch id makes that safe).
    private func perform(_ request: URLRequest) -> (Data?, URLResponse?, (any Error)?) {
        let first = run(request, on: session)
        guard first.resent else { return first.outcome }
        let fresh = URLSession(configuration: sessionConfiguration, delegate: resendGuard, delegateQueue: nil)
        defer { fresh.finishTasksAndInvalidate() }
        let second = run(request, on: fresh)
        guard !second.resent else { return (nil, nil, URLError(.networkConnectionLost)) }
        return second.outcome
    }

    /// Runs one data task and waits for it.
    /// - Returns: its outcome, and whether `BodyResendGuard` cancelled it.
    private func run(_ request: URLRequest, on session: URLSession)
        -> (outcome: (Data?, URLResponse?, (any Error)?), resent: Bool) {
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.set((data, response, error))
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        return (box.get() ?? (nil, nil, URLError(.unknown)), resendGuard.wasResent(task))
    }
}

/// Hands a completion handler's values to the waiting thread.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, URLResponse?, (any Error)?)?
    func set(_ newValue: (Data?, URLResponse?, (any Error)?)) { lock.withLock { value = newValue } }
    func get() -> (Data?, URLResponse?, (any Error)?)? { lock.withLock { value } }
}
