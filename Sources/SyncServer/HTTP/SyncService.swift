import AdminDashboard
import Foundation
import HTTPServer
import SyncCore
import SyncProtocol

/// The HTTP face of the server: routes requests of protocol v1 to the database and turns
/// every failure into the protocol's error body. Stateless apart from metrics, so it can
/// be called from any number of worker threads.
public final class SyncService: Sendable {
    /// The database requests work on.
    public let database: ServerStore
    /// The rooms of `database` the protocol's routes use.
    let devices: DeviceRegistry
    let sync: SyncLedger
    let records: RecordsOffice
    let status: StatusBoard
    let metrics = ServerMetrics()
    /// The admin web dashboard answering `/admin/*`, when served.
    public let dashboard: AdminDashboard?
    /// Enrolment attempts per client address (`enrolmentRateLimit`).
    let enrolmentLimiter: AddressRateLimiter
    /// Failed authentications per client address (`failedAuthenticationRateLimit`).
    let failedAuthenticationLimiter: AddressRateLimiter

    /// Creates a service over an open database.
    /// - Parameter dashboard: the admin dashboard to serve under `/admin`, or `nil` for none.
    public init(database: ServerStore, dashboard: AdminDashboard? = nil) {
        self.database = database
        devices = database.deviceRegistry
        sync = database.syncLedger
        records = database.recordsOffice
        status = database.statusBoard
        self.dashboard = dashboard
        // The database's clock, so tests that set it by hand see buckets refill exactly.
        let clock = DatabaseClock(millis: database.clock)
        enrolmentLimiter = AddressRateLimiter(limit: database.configuration.enrolmentRateLimit, clock: clock)
        failedAuthenticationLimiter = AddressRateLimiter(limit: database.configuration.failedAuthenticationRateLimit,
                                                         clock: clock)
    }

    /// The protocol versions this server speaks.
    public static let supportedVersions: [Int64] = ProtocolPaths.supportedVersions

    /// Answers one request. Never throws: failures become error responses. The response's
    /// `logFields` carry the route template, the device id, the record count and the
    /// error code for the access log, and nothing else.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        // HEAD is answered as GET is; the server leaves the body off (RFC 9110 §9.3.2).
        var request = request
        if request.method == .head { request.method = .get }
        let start = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        if let dashboard, let response = dashboard.handle(request) {
            metrics.countRequest(route: "/admin", status: response.status.code, seconds: seconds())
            return response
        }
        let route = Self.route(for: request.path)
        var response: HTTPResponse
        var fields: [String: String] = ["route": route.template]
        do {
            response = try dispatch(route, request, &fields)
        } catch {
            response = Self.errorResponse(error)
        }
        response.logFields.merge(fields) { old, _ in old }
        metrics.countRequest(route: route.template, status: response.status.code, seconds: seconds())
        return response
    }

    private func dispatch(_ route: Route, _ request: HTTPRequest, _ fields: inout [String: String]) throws(SyncServerError) -> HTTPResponse {
        if case .unsupportedVersion = route {
            throw SyncServerError(.unsupportedProtocolVersion, "This server speaks protocol version 1 only (paths /v1/...).",
                              extra: ["supported": .array(Self.supportedVersions.map(JSONValue.integer))])
        }
        guard route.methods.contains(request.method) || (request.method == .get && route.methods.contains(.head)) else {
            if case .unknown = route { throw SyncServerError(.notFound, "No such resource.") }
            throw SyncServerError(.methodNotAllowed, "This resource accepts \(route.methods.map(\.rawValue).joined(separator: ", ")) only.",
                                  headers: ["Allow": route.methods.map(\.rawValue).joined(separator: ", ")])
        }
        switch route {
        case .health:
            return .json(.ok, Array(#"{"status":"ok"}"#.utf8))
        case .metrics:
            try authorizeMetrics(request)
            var response = HTTPResponse.text(.ok, try metricsText())
            response.headers["Content-Type"] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        case .enroll:
            return try enroll(request, &fields)
        case .push:
            let device = try authenticate(request, &fields)
            let outcome = try sync.push(body: request.body, device: device)
            fields["records"] = String(outcome.results.count)
            if outcome.replayed { fields["replayed"] = "true" }
            metrics.countPushed(outcome.results.count)
            return .json(.ok, outcome.body)
        case .pull:
            let device = try authenticate(request, &fields)
            let page = try sync.pull(cursor: request.query["cursor"], limit: request.query["limit"], device: device)
            fields["records"] = String(page.count)
            metrics.countPulled(page.count)
            return .json(.ok, page.body)
        case .audit:
            let device = try authenticate(request, &fields)
            let report: AuditReport
            do { report = try AuditReport(body: request.body) } catch { throw SyncServerError(error) }
            let recorded = try records.recordDeviceEvents(report.events, from: device)
            fields["records"] = String(report.events.count)
            return .json(.ok, AuditReceipt(recorded: recorded).body)
        case .unknown, .unsupportedVersion:
            throw SyncServerError(.notFound, "No such resource.")
        }
    }

    private func enroll(_ request: HTTPRequest, _ fields: inout [String: String]) throws(SyncServerError) -> HTTPResponse {
        // Only failed attempts count: guessing codes is what the limit is for, and an office
        // enrolling its tablets in one go must not be slowed down.
        let address = clientAddress(of: request)
        if let wait = enrolmentLimiter.retryAfter(address) { throw .rateLimited(retryAfter: wait) }
        do {
            return try enrollCode(request, &fields)
        } catch {
            if error.code == "invalid_enrollment_code" { enrolmentLimiter.charge(address) }
            throw error
        }
    }

    private func enrollCode(_ request: HTTPRequest, _ fields: inout [String: String]) throws(SyncServerError) -> HTTPResponse {
        let code: String
        do { code = try EnrollmentRequest(body: request.body).code } catch { throw SyncServerError(error) }
        let enrolment = try devices.enroll(code: code)
        fields["device"] = enrolment.device.id
        guard let replica = ReplicaID(enrolment.device.id) else {
            throw SyncServerError(.internalError, "A device id is not a replica id.")
        }
        let grant = EnrollmentGrant(replica: replica, token: enrolment.token, role: enrolment.device.role,
                                    municipalities: enrolment.device.municipalities,
                                    serverReplica: ReplicaID.server.rawValue)
        return .json(.ok, grant.body)
    }

    /// The device of the request's bearer token. A failure counts against the client
    /// address's `failedAuthenticationRateLimit`; while that is exhausted the token is not
    /// even looked at.
    func authenticate(_ request: HTTPRequest, _ fields: inout [String: String]) throws(SyncServerError) -> Device {
        let address = clientAddress(of: request)
        if let wait = failedAuthenticationLimiter.retryAfter(address) { throw .rateLimited(retryAfter: wait) }
        do {
            return try authenticateToken(request, &fields)
        } catch {
            failedAuthenticationLimiter.charge(address)
            throw error
        }
    }

    private func authenticateToken(_ request: HTTPRequest, _ fields: inout [String: String]) throws(SyncServerError) -> Device {
        guard let header = request.headers["Authorization"] else {
            throw SyncServerError(.missingToken, "Send Authorization: Bearer <token>.")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw SyncServerError(.missingToken, "Send Authorization: Bearer <token>.")
        }
        let wiped = request.headers["Forum-Wiped"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let device = try devices.authenticate(token: String(parts[1]).trimmingCharacters(in: .whitespaces),
                                               wipedRecords: wiped)
        fields["device"] = device.id
        return device
    }

    /// The protocol error body `{"error":{"code","message",…}}` for any error.
    /// A server failure (status 500: storage or anything unexpected) is answered with the
    /// constant `internal_error`; its own code goes to the log only (`error`), never its
    /// detail to the client.
    static func errorResponse(_ error: SyncServerError) -> HTTPResponse {
        if error.status >= 500 {
            var response = HTTPResponse.json(HTTPStatus(code: 500, reason: Self.reason(500)),
                                             WireError(.internalError, "The server failed; nothing was stored; retry later.").body)
            response.logFields["error"] = error.code
            return response
        }
        let body = WireError(code: error.code, message: error.message, extra: error.extra).body
        var response = HTTPResponse.json(HTTPStatus(code: error.status, reason: Self.reason(error.status)), body)
        response.logFields["error"] = error.code
        if error.status == 401 { response.headers["WWW-Authenticate"] = "Bearer" }
        for (name, value) in error.headers { response.headers[name] = value }
        return response
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 503: "Service Unavailable"
        default: "Internal Server Error"
        }
    }
}
