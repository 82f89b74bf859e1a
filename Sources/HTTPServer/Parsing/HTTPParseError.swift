/// Why a request could not be accepted. Each error has a stable `code` (sent to the client in
/// the JSON error body and safe to log) and the `status` the server answers with. Messages
/// are fixed text and never echo request bytes, which may carry personal data.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable error codes.
    public enum Code: String, Sendable, CaseIterable {
        /// The request line exceeds `maxRequestLineBytes` (414).
        case uriTooLong = "uri_too_long"
        /// The header section exceeds `maxHeaderBytes` (431).
        case headersTooLarge = "headers_too_large"
        /// More than `maxHeaderCount` field lines (431).
        case tooManyHeaders = "too_many_headers"
        /// The declared or decoded body exceeds `maxBodyBytes` (413).
        case bodyTooLarge = "body_too_large"
        /// Malformed syntax: request line, field line, line ending, target (400).
        case badRequest = "bad_request"
        /// Both `Content-Length` and `Transfer-Encoding`, or Transfer-Encoding on HTTP/1.0 (400).
        case ambiguousLength = "ambiguous_length"
        /// `Content-Length` that is not a non-negative decimal, or conflicting values (400).
        case invalidContentLength = "invalid_content_length"
        /// An HTTP/1.1 request without exactly one `Host` field (400).
        case missingHost = "missing_host"
        /// A malformed chunked body (400).
        case invalidChunkedBody = "invalid_chunked_body"
        /// A transfer coding other than `chunked` (501).
        case unsupportedTransferEncoding = "unsupported_transfer_encoding"
        /// A well-formed but unsupported `HTTP/x.y` version (505).
        case versionNotSupported = "version_not_supported"
    }

    /// The stable code.
    public let code: Code
    /// A fixed, human-readable explanation without request data.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The response status this error maps to.
    public var status: HTTPStatus {
        switch code {
        case .uriTooLong: .uriTooLong
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .badRequest, .ambiguousLength, .invalidContentLength, .missingHost, .invalidChunkedBody: .badRequest
        case .unsupportedTransferEncoding: .notImplemented
        case .versionNotSupported: .httpVersionNotSupported
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func bad(_ message: String) -> HTTPParseError { HTTPParseError(.badRequest, message) }
}
