/// One line of access log, reported after each response is written (or failed to be).
/// Carries no query string, headers or body: those may hold personal data.
public struct HTTPAccessLogEntry: Sendable {
    /// The request method; `nil` when the request could not be parsed.
    public var method: HTTPMethod?
    /// The request path without the query string; `nil` when the request could not be parsed.
    public var path: String?
    /// The status sent.
    public var status: HTTPStatus
    /// Request bytes consumed from the connection for this request.
    public var bytesIn: Int
    /// Response bytes written.
    public var bytesOut: Int
    /// Seconds from the first byte of the request to the last byte of the response.
    public var duration: Double
    /// The peer address (`host:port`).
    public var remoteAddress: String
    /// Handler-supplied `HTTPResponse.logFields`; server errors add `"error": code`.
    public var logFields: [String: String]
    /// Whether the response was written completely.
    public var completed: Bool
}
