/// Decides, once a request head announcing a body is complete, whether and how much of the
/// body the server reads. Called on the connection's thread before any body byte is
/// buffered, so an unauthenticated client cannot make the server hold its body in memory.
/// It must be quick (no handler slot is taken for it) and must not block.
public typealias HTTPHeadGate = @Sendable (HTTPRequest) -> HTTPHeadVerdict

/// What `HTTPHeadGate` decided for a head (whose `body` is still empty).
public enum HTTPHeadVerdict: Sendable {
    /// The sender is authenticated: the body may be as large as `maxBodyBytes`.
    case authenticated
    /// The route needs no credentials (enrolment, a login form): the body may be as large
    /// as `preAuthenticationBodyBytes`; beyond it, 413 `body_too_large` before it is read.
    case unauthenticated
    /// Answer with this response and close without reading the body (for example 401 for a
    /// missing or invalid token, or 429 when the sender is rate limited).
    case refuse(HTTPResponse)
}
