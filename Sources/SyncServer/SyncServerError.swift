import HTTPServer
import SyncCore

/// A failure answered to a client or reported to an operator: a stable code, the HTTP
/// status it maps to and a fixed English message for developers. Messages never carry
/// record values, names or tokens.
public struct SyncServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable code, e.g. `invalid_token`.
    public let code: String
    /// The HTTP status for the protocol.
    public let status: Int
    /// A fixed English description without personal data.
    public let message: String
    /// Extra members of the error object (e.g. `detail`), already-safe strings.
    public let extra: [String: JSONValue]
    /// Extra response header fields (e.g. `Allow` for 405).
    public let headers: [String: String]

    /// Creates an error.
    public init(_ code: String, status: Int, _ message: String, extra: [String: JSONValue] = [:],
                headers: [String: String] = [:]) {
        self.code = code
        self.status = status
        self.message = message
        self.extra = extra
        self.headers = headers
    }

    public var description: String { "\(code): \(message)" }

    static func badRequest(_ code: String, _ message: String, extra: [String: JSONValue] = [:]) -> SyncServerError {
        SyncServerError(code, status: 400, message, extra: extra)
    }

    static func unauthorized(_ code: String, _ message: String) -> SyncServerError {
        SyncServerError(code, status: 401, message)
    }

    /// 429 `rate_limited`: the client address used up a rate limit; retry after `seconds`.
    static func rateLimited(retryAfter seconds: Int) -> SyncServerError {
        SyncServerError("rate_limited", status: 429, "Too many attempts from this address; retry later.",
                        headers: ["Retry-After": String(seconds)])
    }

    /// A storage failure; the message names SQL and files, never bound values.
    static func storage(_ error: any Error) -> SyncServerError {
        SyncServerError("storage_error", status: 500, "The server's database failed: \(error)")
    }

    /// An admin operation named something that does not exist.
    static func notFound(_ what: String) -> SyncServerError {
        SyncServerError("not_found", status: 404, "No such \(what).")
    }
}
