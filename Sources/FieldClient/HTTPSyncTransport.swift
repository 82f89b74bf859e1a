import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SyncCore

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
    /// The pooled session for requests without a body (pulls), which may reuse connections.
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
        session = URLSession(configuration: sessionConfiguration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func enroll(code: String) throws(ClientError) -> EnrollmentGrant {
        let bytes = try send("POST", "v1/enroll", body: WireFormat.enrollBody(code: code), authorized: false)
        return try WireFormat.grant(bytes)
    }

    public func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse {
        let bytes = try send("POST", "v1/sync/push", body: WireFormat.pushBody(batch: batch, records: records), authorized: true)
        return try WireFormat.pushResponse(bytes)
    }

    public func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let cursor { query.insert(URLQueryItem(name: "cursor", value: cursor), at: 0) }
        return try WireFormat.pullPage(try send("GET", "v1/sync/pull", query: query, body: nil, authorized: true))
    }

    /// Sends one request and returns the body of a 200 answer.
    func send(_ method: String, _ path: String, query: [URLQueryItem] = [], body: [UInt8]?,
              authorized: Bool) throws(ClientError) -> [UInt8] {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        guard let url = components?.url else { throw ClientError(.protocolError, "could not build the request URL") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("forum/\(configuration.clientVersion)", forHTTPHeaderField: "User-Agent")
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
        let code = WireFormat.errorCode(body)
        switch status {
        case 401 where code == "device_revoked":
            throw ClientError(.deviceRevoked, "the server says this device has been revoked", detailCode: code)
        case 401:
            throw ClientError(.unauthorized, "the server did not accept the credentials", detailCode: code)
        case 500...599:
            throw ClientError(.serverError, "the server answered \(status)", detailCode: String(status))
        default:
            throw ClientError(.protocolError, "the server answered \(status)", detailCode: code ?? String(status))
        }
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

    /// Runs a data task and waits for it: the CLI is synchronous.
    ///
    /// A request with a body (push, enrol) gets a session of its own, so it always goes out
    /// on a fresh connection: when a pooled keep-alive connection turns out to be dead after
    /// the request was written, libcurl re-sends the request head without its body and then
    /// waits out the whole request timeout (found by the fault-injection tests). Pulls keep
    /// the pooled session; re-sending a GET is harmless.
    private func perform(_ request: URLRequest) -> (Data?, URLResponse?, (any Error)?) {
        let session = request.httpBody == nil ? self.session : URLSession(configuration: sessionConfiguration)
        defer { if session !== self.session { session.finishTasksAndInvalidate() } }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            box.set((data, response, error))
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        return box.get() ?? (nil, nil, URLError(.unknown))
    }
}

/// Hands a completion handler's values to the waiting thread.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: (Data?, URLResponse?, (any Error)?)?
    func set(_ newValue: (Data?, URLResponse?, (any Error)?)) { lock.withLock { value = newValue } }
    func get() -> (Data?, URLResponse?, (any Error)?)? { lock.withLock { value } }
}
