import HTTPServer

/// Responses every server-rendered page set shares.
public enum PageResponse {
    /// No scripts at all; inline styles only; images from the page itself or data: URLs;
    /// forms post only to this server; no framing.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"

    /// Adds the security headers every page carries (CSP, nosniff, no referrer, no caching, no framing).
    public static func applySecurityHeaders(to response: inout HTTPResponse) {
        response.headers["Content-Security-Policy"] = contentSecurityPolicy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
    }

    /// A 303 to `location` (always a fixed, relative location of the same server).
    public static func redirect(_ location: String) -> HTTPResponse {
        HTTPResponse(status: .seeOther, headers: ["Location": location, "Content-Type": "text/plain; charset=utf-8"],
                     body: Array("See \(location)\n".utf8))
    }
}
