import Digest
import HTTPServer
import SyncCore

/// The front door: what is decided about a request before its body is read, and who may
/// read the metrics.
extension SyncService {
    /// The head gate (`HTTPHeadGate`): authenticates token routes when the head is complete,
    /// so a body is buffered only for a device with a valid token; other routes may send
    /// a body of `preAuthenticationBodyBytes` at most. Refusals carry the same codes as the
    /// handler's (401 `missing_token`/`invalid_token`/`device_revoked`, 429 `rate_limited`).
    public func admit(_ head: HTTPRequest) -> HTTPHeadVerdict {
        let route = Self.route(for: head.path)
        var fields: [String: String] = ["route": route.template]
        do throws(SyncServerError) {
            if route.needsToken {
                _ = try authenticate(head, &fields)
                return .authenticated
            }
            if route == .enroll, let wait = enrolmentLimiter.retryAfter(clientAddress(of: head)) {
                throw SyncServerError.rateLimited(retryAfter: wait)
            }
            return .unauthenticated
        } catch {
            var response = Self.errorResponse(error)
            response.logFields.merge(fields) { old, _ in old }
            metrics.countRequest(route: route.template, status: response.status.code, seconds: 0)
            return .refuse(response)
        }
    }

    /// The address per-client limits apply to (the peer, or a trusted proxy's client).
    func clientAddress(of request: HTTPRequest) -> String {
        request.clientAddress(trusting: database.configuration.http.trustedProxyAddresses)
    }

    /// `/metrics` on the application port needs `metricsBearerToken`; without one configured
    /// it does not exist there (the separate metrics listener serves it).
    func authorizeMetrics(_ request: HTTPRequest) throws(SyncServerError) {
        guard let expected = database.configuration.metricsBearerToken, !expected.isEmpty else {
            throw SyncServerError(.notFound, "No such resource.")
        }
        guard let header = request.headers["Authorization"], header.hasPrefix("Bearer ") else {
            throw SyncServerError(.missingToken, "Send Authorization: Bearer <token>.")
        }
        // Compared as digests so the comparison's time says nothing about the token.
        let sent = SHA256.hash(String(header.dropFirst("Bearer ".count)))
        guard ConstantTime.equals(sent, SHA256.hash(expected)) else {
            throw SyncServerError(.invalidToken, "The bearer token is not valid.")
        }
    }

    /// Answers the separate metrics listener: `GET`/`HEAD /metrics` without a token (the
    /// listener is bound to an address only the monitoring host reaches), 404 otherwise.
    public func handleMetricsListener(_ request: HTTPRequest) -> HTTPResponse {
        guard request.path == "/metrics" else {
            return Self.errorResponse(SyncServerError(.notFound, "No such resource."))
        }
        guard request.method == .get || request.method == .head else {
            return Self.errorResponse(SyncServerError(.methodNotAllowed, "This resource accepts GET, HEAD only.",
                                                      headers: ["Allow": "GET, HEAD"]))
        }
        do {
            var response = HTTPResponse.text(.ok, try metricsText())
            response.headers["Content-Type"] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        } catch {
            return Self.errorResponse(error)
        }
    }
}

/// The database's wall clock (ms since 1970) in seconds, for rate limits. A step backwards
/// (clock adjustment) only delays refilling; the limiter never counts negative time.
struct DatabaseClock: HTTPClock {
    let millis: WallClock
    func now() -> Double { Double(millis()) / 1000 }
}
