import Foundation

/// A token-bucket rate: `burst` attempts at once, refilled at `perSecond` attempts a second.
public struct RateLimit: Sendable, Equatable {
    /// Attempts allowed at once (the bucket's size).
    public var burst: Int
    /// Attempts added back per second.
    public var perSecond: Double

    /// Creates a rate.
    public init(burst: Int, perSecond: Double) {
        self.burst = burst
        self.perSecond = perSecond
    }
}

/// One token bucket per client address (`HTTPRequest.clientAddress(trusting:)`), for
/// attempts that cost the server work and should be rare: enrolment codes and failed
/// authentications. Memory is bounded by `maxAddresses`: beyond it, buckets that have
/// refilled are forgotten first, then all of them (an attacker spreading over that many
/// addresses gains one burst each).
public final class AddressRateLimiter: @unchecked Sendable {
    /// The rate per address.
    public let limit: RateLimit
    /// Most addresses remembered at once.
    public let maxAddresses: Int
    private let clock: any HTTPClock
    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// Creates a limiter with full buckets.
    /// - Parameters:
    ///   - limit: the rate per address.
    ///   - maxAddresses: most addresses remembered. Default 10,000.
    ///   - clock: the monotonic clock (injectable for tests).
    public init(limit: RateLimit, maxAddresses: Int = 10_000, clock: any HTTPClock = MonotonicHTTPClock()) {
        self.limit = limit
        self.maxAddresses = max(maxAddresses, 1)
        self.clock = clock
    }

    /// Seconds until `address` may try again (at least 1), or `nil` when it may try now.
    /// Takes nothing from its bucket.
    public func retryAfter(_ address: String) -> Int? {
        lock.withLock {
            let bucket = refilled(address, at: clock.now())
            return bucket.tokens >= 1 ? nil : wait(for: bucket)
        }
    }

    /// Takes one attempt from `address`'s bucket. Returns `nil` when the attempt is allowed,
    /// else the seconds until one is (and nothing is taken).
    public func take(_ address: String) -> Int? {
        lock.withLock {
            var bucket = refilled(address, at: clock.now())
            guard bucket.tokens >= 1 else { return wait(for: bucket) }
            bucket.tokens -= 1
            store(bucket, for: address)
            return nil
        }
    }

    /// Counts an attempt that already happened (a failed authentication) against `address`.
    public func charge(_ address: String) {
        lock.withLock {
            var bucket = refilled(address, at: clock.now())
            bucket.tokens = max(0, bucket.tokens - 1)
            store(bucket, for: address)
        }
    }

    private func refilled(_ address: String, at now: Double) -> Bucket {
        let capacity = Double(max(limit.burst, 0))
        guard let bucket = buckets[address] else { return Bucket(tokens: capacity, updated: now) }
        let elapsed = max(0, now - bucket.updated)
        return Bucket(tokens: min(capacity, bucket.tokens + elapsed * max(limit.perSecond, 0)), updated: now)
    }

    private func wait(for bucket: Bucket) -> Int {
        guard limit.perSecond > 0 else { return 3600 }
        return max(1, Int(((1 - bucket.tokens) / limit.perSecond).rounded(.up)))
    }

    private func store(_ bucket: Bucket, for address: String) {
        if buckets[address] == nil && buckets.count >= maxAddresses {
            let now = clock.now()
            buckets = buckets.filter { refilled($0.key, at: now).tokens < Double(limit.burst) }
            if buckets.count >= maxAddresses { buckets.removeAll() }
        }
        buckets[address] = bucket
    }
}
