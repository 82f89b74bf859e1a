import Foundation
import SyncCore

/// A response produced by a handler. The server adds `Content-Length`, `Connection`, `Date`
/// and `Server`; handler-supplied values for those names are ignored.
public struct HTTPResponse: Sendable {
    /// The status to send.
    public var status: HTTPStatus
    /// Extra header fields. Fields whose name is not a token or whose value contains
    /// control characters are dropped when serialising (response-splitting defence).
    public var headers: HTTPHeaders
    /// The body. Omitted on the wire for HEAD requests and 204/304 responses.
    public var body: [UInt8]
    /// Fields for the access log only (e.g. a device id); never sent to the client.
    public var logFields: [String: String]

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = [],
                logFields: [String: String] = [:]) {
        self.status = status
        self.headers = headers
        self.body = body
        self.logFields = logFields
    }

    /// A JSON response (`Content-Type: application/json`).
    public static func json(_ status: HTTPStatus = .ok, _ body: Data) -> HTTPResponse {
        json(status, [UInt8](body))
    }

    /// A JSON response (`Content-Type: application/json`) from raw bytes.
    public static func json(_ status: HTTPStatus = .ok, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    /// A UTF-8 plain-text response.
    public static func text(_ status: HTTPStatus = .ok, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A UTF-8 HTML response.
    public static func html(_ status: HTTPStatus = .ok, _ html: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.utf8))
    }

    /// The standard error response: `{"error":{"code":"...","message":"..."}}`.
    /// - Parameters:
    ///   - status: the status to send.
    ///   - code: a stable, machine-readable code such as `"body_too_large"`.
    ///   - message: fixed human-readable text; must not contain personal data.
    public static func error(_ status: HTTPStatus, code: String, message: String) -> HTTPResponse {
        var json = Array(#"{"error":{"code":"#.utf8)
        JSONWriter.writeString(code, into: &json)
        json.append(contentsOf: Array(#","message":"#.utf8))
        JSONWriter.writeString(message, into: &json)
        json.append(contentsOf: Array("}}".utf8))
        var response = HTTPResponse.json(status, json)
        response.logFields["error"] = code
        return response
    }

    /// The error response for a parse failure.
    static func error(_ error: HTTPParseError) -> HTTPResponse {
        .error(error.status, code: error.code.rawValue, message: error.message)
    }
}
