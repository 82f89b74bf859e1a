/// A complete, validated request as produced by `HTTPRequestParser`.
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The request target exactly as received (may contain a query string; do not log it).
    public var target: String
    /// The path component of the target, still percent-encoded so that `%2F` cannot be
    /// confused with a segment separator. Use `pathSegments` for decoded segments.
    /// For absolute-form targets the scheme and authority are removed; for `*` it is `"*"`.
    public var path: String
    /// The query parameters, percent-decoded (`+` is a space). For a repeated key the first
    /// occurrence wins. A key without `=` maps to `""`.
    public var query: [String: String]
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields in received order.
    public var headers: HTTPHeaders
    /// The body: `Content-Length` bytes or the decoded chunked body.
    public var body: [UInt8]
    /// The peer address as `host:port` (`[v6]:port` for IPv6); empty when unknown.
    public var remoteAddress: String

    /// Creates a request, e.g. for handler unit tests.
    public init(method: HTTPMethod, target: String, path: String? = nil, query: [String: String] = [:],
                version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:], body: [UInt8] = [],
                remoteAddress: String = "") {
        self.method = method
        self.target = target
        self.path = path ?? String(target.prefix { $0 != "?" })
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The path split on `/` with each segment percent-decoded; `nil` when a segment is not
    /// valid percent-encoded UTF-8. `"/a/b%2Fc"` gives `["a", "b/c"]`.
    public var pathSegments: [String]? {
        var result: [String] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = PercentDecoding.decode(segment, plusIsSpace: false) else { return nil }
            result.append(decoded)
        }
        return result
    }

    /// Whether the connection may stay open after this request: HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        if headers.listContains("Connection", token: "close") { return false }
        if version == .http1_0 { return headers.listContains("Connection", token: "keep-alive") }
        return true
    }
}
