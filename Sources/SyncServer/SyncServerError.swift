import HTTPServer
import SyncCore
import SyncProtocol

/// A failure answered to a client or reported to an operator: a stable code (a protocol
/// `WireErrorCode` or an `AdminErrorCode`), the HTTP status it maps to and a fixed English
/// message for developers. Messages never carry record values, names or tokens.
public struct SyncServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable code, e.g. `invalid_token`.
    public let code: String
    /// The HTTP status for the protocol.
    public let status: Int
    /// A fixed English description without personal data.
    public let message: String
    /// Extra members of the error object (e.g. `detail`), already-safe strings.
    public let extra: [JSONKey: JSONValue]
    /// Extra response header fields (e.g. `Allow` for 405).
    public let headers: [String: String]

    /// A protocol error, answered with the code's status.
    public init(_ code: WireErrorCode, _ message: String, extra: [JSONKey: JSONValue] = [:],
                headers: [String: String] = [:]) {
        self.code = code.rawValue
        status = code.httpStatus
        self.message = message
        self.extra = extra
        self.headers = headers
    }

    /// A protocol error decoded or built by `SyncProtocol`.
    public init(_ error: WireError) {
        code = error.code
        status = error.known?.httpStatus ?? 400
        message = error.message
        extra = error.extra
        headers = [:]
    }

    /// An admin operation's failure.
    public init(_ code: AdminErrorCode, _ message: String, extra: [JSONKey: JSONValue] = [:]) {
        self.code = code.rawValue
        status = code.httpStatus
        self.message = message
        self.extra = extra
        headers = [:]
    }

    public var description: String { "\(code): \(message)" }

    /// 429 `rate_limited`: the client address used up a rate limit; retry after `seconds`.
    static func rateLimited(retryAfter seconds: Int) -> SyncServerError {
        SyncServerError(.rateLimited, "Too many attempts from this address; retry later.",
                        headers: ["Retry-After": String(seconds)])
    }

    /// A storage failure; the message names SQL and files, never bound values.
    static func storage(_ error: any Error) -> SyncServerError {
        SyncServerError(AdminErrorCode.storageError, "The server's database failed: \(error)")
    }

    /// Any error as a `SyncServerError`: itself, or a storage failure.
    static func mapped(_ error: any Error) -> SyncServerError {
        (error as? SyncServerError) ?? .storage(error)
    }

    /// An admin operation named something that does not exist.
    public static func notFound(_ what: String) -> SyncServerError {
        SyncServerError(AdminErrorCode.notFound, "No such \(what).")
    }
}
