import Foundation

/// A clock that tests set by hand; safe to read from any thread.
public final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var millis: Int64

    /// Creates a clock showing `millis` (ms since 1970).
    public init(_ millis: Int64 = 1_764_000_000_000) { self.millis = millis }

    /// The time shown, in ms since 1970.
    public var now: Int64 {
        get { lock.withLock { millis } }
        set { lock.withLock { millis = newValue } }
    }

    /// Moves the clock forward.
    public func advance(by delta: Int64) { lock.withLock { millis += delta } }
}
