#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time of day in ms since 1970: the one wall clock of the package, passed to what
/// reads it (the replica store, the server's database, the local replica, the dashboard)
/// so tests can set it by hand.
///
/// Called like a function: `clock()` is the current reading.
/// ```swift
/// let fixed = WallClock { 1_764_000_000_000 }
/// store.clock = fixed
/// ```
public struct WallClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that reads `read`.
    public init(_ read: @escaping @Sendable () -> Int64) { self.read = read }

    /// The current reading, in ms since 1970.
    public func callAsFunction() -> Int64 { read() }

    /// The system's real-time clock.
    public static let system = WallClock {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
