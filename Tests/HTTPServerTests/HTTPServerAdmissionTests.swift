import TestSupport
import Foundation
import Glibc
import Testing
@testable import HTTPServer

/// The limits decided before a body is read (head gate, pre-authentication body limit,
/// in-flight body budget) and at accept (connections per address), each at N and N+1.
@Suite struct HTTPServerAdmissionTests {
    private static let echoLength: HTTPHandler = { .text(.ok, "length=\($0.body.count)") }

    private static func post(_ length: Int, expectContinue: Bool = false) -> String {
        "POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: \(length)\r\n" + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n"
    }

    @Test func unauthenticatedBodyMayReachThePreAuthenticationLimitAndNoMore() throws {
        try withServer({ $0.preAuthenticationBodyBytes = 100 }, headGate: { _ in .unauthenticated },
                       handler: Self.echoLength) { _, port in
            let atLimit = try RawHTTPClient(port: port)
            atLimit.send(Self.post(100) + String(repeating: "a", count: 100))
            #expect(atLimit.readResponse()?.text == "length=100")

            let beyond = try RawHTTPClient(port: port)
            beyond.send(Self.post(101)) // the head alone is answered
            let response = try #require(beyond.readResponse())
            #expect(response.status == 413)
            #expect(response.errorCode == "body_too_large")
        }
    }

    @Test func unauthenticatedChunkedBodyIsCutOffAtThePreAuthenticationLimit() throws {
        try withServer({ $0.preAuthenticationBodyBytes = 10 }, headGate: { _ in .unauthenticated },
                       handler: Self.echoLength) { _, port in
            let atLimit = try RawHTTPClient(port: port)
            atLimit.send("POST /p HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\na\r\n0123456789\r\n0\r\n\r\n")
            #expect(atLimit.readResponse()?.text == "length=10")
            let beyond = try RawHTTPClient(port: port)
            beyond.send("POST /p HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n0123456789a\r\n0\r\n\r\n")
            #expect(beyond.readResponse()?.errorCode == "body_too_large")
        }
    }

    @Test func authenticatedBodyMayReachMaxBodyBytes() throws {
        try withServer({ $0.preAuthenticationBodyBytes = 10; $0.maxBodyBytes = 100 }, headGate: { _ in .authenticated },
                       handler: Self.echoLength) { _, port in
            let client = try RawHTTPClient(port: port)
            client.send(Self.post(100) + String(repeating: "a", count: 100))
            #expect(client.readResponse()?.text == "length=100")
        }
    }

    @Test func refusedHeadIsAnsweredWithoutTheHandlerAndClosed() throws {
        let called = Counter()
        let refusal = HTTPResponse.error(.unauthorized, code: "invalid_token", message: "No.")
        try withServer(headGate: { _ in .refuse(refusal) }, handler: { _ in called.increment(); return .text(.ok, "") }) { _, port in
            let client = try RawHTTPClient(port: port)
            client.send(Self.post(1_000_000))
            let response = try #require(client.readResponse())
            #expect(response.status == 401)
            #expect(response.headers["connection"] == "close")
            #expect(client.isClosedByPeer())
            #expect(called.value == 0)
            // Requests without a body are not the gate's to judge.
            #expect(try RawHTTPClient(port: port).request("GET", "/")?.status == 200)
        }
    }

    @Test func bodiesInFlightMayFillTheBudgetAndNoMore() throws {
        try withServer({ $0.maxInFlightBodyBytes = 1000; $0.retryAfterSeconds = 7 }, handler: Self.echoLength) { server, port in
            let first = try RawHTTPClient(port: port)
            first.send(Self.post(600, expectContinue: true))
            #expect(first.readResponse()?.status == 100) // admitted: 600 reserved

            let overBudget = try RawHTTPClient(port: port)
            overBudget.send(Self.post(401))
            let refused = try #require(overBudget.readResponse())
            #expect(refused.status == 503)
            #expect(refused.errorCode == "server_busy")
            #expect(refused.headers["retry-after"] == "7")

            let fitting = try RawHTTPClient(port: port)
            fitting.send(Self.post(400, expectContinue: true))
            #expect(fitting.readResponse()?.status == 100) // exactly 1000 reserved
            #expect(server.inFlightBodyBytes == 1000)
            fitting.send(String(repeating: "b", count: 400))
            #expect(fitting.readResponse()?.text == "length=400")
            first.send(String(repeating: "a", count: 600))
            #expect(first.readResponse()?.text == "length=600")

            // Both released (just after each response was written): the budget is free again.
            for _ in 0..<200 where server.inFlightBodyBytes > 0 { usleep(10_000) }
            #expect(server.inFlightBodyBytes == 0)
            let whole = try RawHTTPClient(port: port)
            whole.send(Self.post(1000) + String(repeating: "c", count: 1000))
            #expect(whole.readResponse()?.text == "length=1000")
        }
    }

    @Test func oneAddressMayOpenMaxConnectionsPerAddressAndNoMore() throws {
        try withServer({ $0.maxConnectionsPerAddress = 3; $0.retryAfterSeconds = 4 }) { server, port in
            var held: [RawHTTPClient] = []
            for _ in 0..<3 {
                let client = try RawHTTPClient(port: port, localHost: "127.0.0.1")
                #expect(client.request("GET", "/held")?.status == 200)
                held.append(client)
            }
            let fourth = try RawHTTPClient(port: port, localHost: "127.0.0.1")
            let refused = try #require(fourth.request("GET", "/fourth"))
            #expect(refused.status == 429)
            #expect(refused.errorCode == "too_many_connections_from_address")
            #expect(refused.headers["retry-after"] == "4")
            #expect(try RawHTTPClient(port: port, localHost: "127.0.0.2").request("GET", "/other")?.status == 200)

            // A closed connection frees its address's slot (once its thread has noticed).
            held.removeLast()
            var reopened: Int?
            for _ in 0..<200 where reopened != 200 {
                if server.activeConnectionCount <= 2 {
                    reopened = try RawHTTPClient(port: port, localHost: "127.0.0.1").request("GET", "/again")?.status
                } else {
                    usleep(10_000)
                }
            }
            #expect(reopened == 200)
            withExtendedLifetime(held) {}
        }
    }

    @Test func trustedProxyIsNotLimitedPerAddress() throws {
        try withServer({ $0.maxConnectionsPerAddress = 1; $0.trustedProxyAddresses = ["127.0.0.1"] }) { _, port in
            let first = try RawHTTPClient(port: port, localHost: "127.0.0.1")
            #expect(first.request("GET", "/a")?.status == 200)
            let second = try RawHTTPClient(port: port, localHost: "127.0.0.1")
            #expect(second.request("GET", "/b")?.status == 200)
            withExtendedLifetime(first) {}
        }
    }
}

/// A thread-safe count for handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
