import TestSupport
import Foundation
import Glibc
import Testing
import HTTPServer
@testable import SyncServer

/// The server's front door with small limits: rate limits at N and N+1, authentication at
/// the head, the metrics' own token and listener, trusted proxies.
@Suite struct FrontDoorTests {
    private static let unknownToken = String(repeating: "ef", count: 32)
    private static let bad = ["Authorization": "Bearer \(unknownToken)"]

    private func fixture(_ configure: (inout SyncServerConfiguration) -> Void = { _ in }) throws -> ServerFixture {
        try ServerFixture { configuration in
            configuration.failedAuthenticationRateLimit = RateLimit(burst: 2, perSecond: 0.5)
            configuration.enrolmentRateLimit = RateLimit(burst: 2, perSecond: 0.5)
            configure(&configuration)
        }
    }

    @Test func failedAuthenticationsMayReachTheBurstAndThenAreLimitedUntilRefilled() throws {
        let fixture = try fixture()
        let client = try RawHTTPClient(port: fixture.port)
        #expect(client.request("GET", "/v1/sync/pull", headers: Self.bad)?.status == 401)
        #expect(client.request("GET", "/v1/sync/pull", headers: Self.bad)?.status == 401)
        let limited = try #require(client.request("GET", "/v1/sync/pull", headers: Self.bad))
        #expect(limited.status == 429)
        #expect(limited.headers["retry-after"] == "2")
        // Limited at the head too: a push is refused before its body.
        let push = try RawHTTPClient(port: fixture.port)
        push.send("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\nAuthorization: Bearer \(Self.unknownToken)\r\n\r\n")
        #expect(push.readResponse()?.errorCode == "rate_limited")
        // Two seconds refill one attempt.
        fixture.clock.advance(by: 2000)
        #expect(client.request("GET", "/v1/sync/pull", headers: Self.bad)?.status == 401)
        #expect(client.request("GET", "/v1/sync/pull", headers: Self.bad)?.status == 429)
    }

    @Test func failedEnrolmentsMayReachTheBurstAndSuccessfulOnesDoNotCount() throws {
        let fixture = try fixture()
        for _ in 0..<3 { _ = try fixture.enrol() } // successes take nothing
        let client = try RawHTTPClient(port: fixture.port)
        let guess = Array(#"{"code":"AAAA-BBBB-CCCC"}"#.utf8)
        #expect(client.request("POST", "/v1/enroll", body: guess)?.status == 401)
        #expect(client.request("POST", "/v1/enroll", body: guess)?.status == 401)
        let limited = try #require(client.request("POST", "/v1/enroll", body: guess))
        #expect(limited.status == 429)
        #expect(limited.errorCode == "rate_limited")
    }

    @Test func behindATrustedProxyTheForwardedAddressIsLimited() throws {
        let fixture = try fixture { $0.http.trustedProxyAddresses = ["127.0.0.1"] }
        let client = try RawHTTPClient(port: fixture.port)
        func pull(from address: String) -> Int? {
            client.request("GET", "/v1/sync/pull", headers: Self.bad.merging(["X-Forwarded-For": "192.0.2.1, \(address)"]) { a, _ in a })?.status
        }
        #expect(pull(from: "10.0.0.5") == 401)
        #expect(pull(from: "10.0.0.5") == 401)
        #expect(pull(from: "10.0.0.5") == 429)
        #expect(pull(from: "10.0.0.6") == 401)
    }

    @Test func pushWithAValidTokenIsAdmittedAtTheHeadAndServed() throws {
        let fixture = try fixture()
        let device = try fixture.enrol()
        let response = try fixture.push(Records.meeting(by: device.replica), token: device.token)
        #expect(response.status == 200)
    }

    @Test func enrolmentBodyIsLimitedBeforeAuthentication() throws {
        let fixture = try fixture { $0.http.preAuthenticationBodyBytes = 64 }
        let client = try RawHTTPClient(port: fixture.port)
        client.send("POST /v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 413)
        #expect(response.errorCode == "body_too_large")
    }

    @Test func metricsOnTheApplicationPortNeedTheirOwnToken() throws {
        let fixture = try fixture { $0.metricsBearerToken = "metrics-secret-1" }
        let device = try fixture.enrol()
        func metrics(_ headers: [String: String]) throws -> RawHTTPResponse {
            try #require(try RawHTTPClient(port: fixture.port).request("GET", "/metrics", headers: headers))
        }
        #expect(try metrics([:]).status == 401)
        #expect(try metrics(["Authorization": "Bearer \(device.token)"]).status == 401)
        let allowed = try metrics(["Authorization": "Bearer metrics-secret-1"])
        #expect(allowed.status == 200)
        #expect(allowed.text.contains("forum_devices"))
    }

    @Test func metricsListenerServesMetricsOnly() throws {
        let fixture = try fixture()
        let port = try fixture.server.startMetricsListener(host: "127.0.0.1", port: 0)
        let metrics = try #require(try RawHTTPClient(port: port).request("GET", "/metrics"))
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("# TYPE forum_http_refusals_total counter"))
        #expect(try RawHTTPClient(port: port).request("GET", "/v1/sync/pull")?.status == 404)
        #expect(try RawHTTPClient(port: port).request("POST", "/metrics", body: [1])?.status == 413)
        #expect(throws: HTTPServerError.self) { try fixture.server.startMetricsListener(port: 0) }
    }
}
