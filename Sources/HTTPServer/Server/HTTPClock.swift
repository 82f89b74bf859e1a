import Glibc

/// A monotonic time source in seconds, injectable so connection timing can be tested
/// without sleeping.
public protocol HTTPClock: Sendable {
    /// Seconds since an arbitrary fixed point; never goes backwards.
    func now() -> Double
}

/// `CLOCK_MONOTONIC`.
public struct MonotonicHTTPClock: HTTPClock {
    public init() {}

    public func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
