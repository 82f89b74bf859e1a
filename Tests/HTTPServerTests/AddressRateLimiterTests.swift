import Foundation
import Testing
@testable import HTTPServer

/// A clock the test moves by hand.
private final class SteppedClock: HTTPClock, @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 1000
    func now() -> Double { lock.withLock { seconds } }
    func advance(_ delta: Double) { lock.withLock { seconds += delta } }
}

@Suite struct AddressRateLimiterTests {
    @Test func allowsTheBurstThenRefusesUntilRefilled() {
        let clock = SteppedClock()
        let limiter = AddressRateLimiter(limit: RateLimit(burst: 3, perSecond: 0.5), clock: clock)
        #expect((0..<3).map { _ in limiter.take("a") } == [nil, nil, nil])
        #expect(limiter.take("a") == 2)
        #expect(limiter.take("b") == nil) // each address has its own bucket
        clock.advance(1.9)
        #expect(limiter.retryAfter("a") == 1)
        clock.advance(0.1)
        #expect(limiter.retryAfter("a") == nil)
        #expect(limiter.take("a") == nil)
        #expect(limiter.take("a") != nil)
    }

    @Test func chargingCountsFailuresAndNeverGoesBelowEmpty() {
        let clock = SteppedClock()
        let limiter = AddressRateLimiter(limit: RateLimit(burst: 2, perSecond: 1), clock: clock)
        for _ in 0..<5 { limiter.charge("a") }
        #expect(limiter.retryAfter("a") == 1)
        clock.advance(1)
        #expect(limiter.retryAfter("a") == nil)
    }

    @Test func remembersAtMostMaxAddresses() {
        let clock = SteppedClock()
        let limiter = AddressRateLimiter(limit: RateLimit(burst: 1, perSecond: 0.001), maxAddresses: 2, clock: clock)
        limiter.charge("a")
        limiter.charge("b")
        limiter.charge("c") // a and b are both still empty: everything is forgotten
        #expect(limiter.retryAfter("a") == nil)
        #expect(limiter.retryAfter("c") != nil)
    }
}

@Suite struct ClientAddressTests {
    private func request(from peer: String, forwarded: [String] = []) -> HTTPRequest {
        var headers = HTTPHeaders()
        for value in forwarded { headers.add("X-Forwarded-For", value) }
        return HTTPRequest(method: .get, target: "/", headers: headers, remoteAddress: peer)
    }

    @Test func isThePeerWithoutATrustedProxy() {
        #expect(request(from: "192.0.2.7:5000", forwarded: ["10.0.0.1"]).clientAddress(trusting: []) == "192.0.2.7")
        #expect(request(from: "[::1]:5000").clientAddress(trusting: []) == "::1")
    }

    @Test func isTheLastUntrustedForwardedHopBehindATrustedProxy() {
        let proxies = ["127.0.0.1", "10.0.0.2"]
        #expect(request(from: "127.0.0.1:4000", forwarded: ["6.6.6.6, 192.0.2.9, 10.0.0.2"]).clientAddress(trusting: proxies)
                == "192.0.2.9")
        #expect(request(from: "127.0.0.1:4000", forwarded: ["6.6.6.6", "192.0.2.10"]).clientAddress(trusting: proxies)
                == "192.0.2.10")
        #expect(request(from: "127.0.0.1:4000").clientAddress(trusting: proxies) == "127.0.0.1")
        // Something that is not an address is not believed.
        #expect(request(from: "127.0.0.1:4000", forwarded: ["<script>"]).clientAddress(trusting: proxies) == "127.0.0.1")
    }
}
