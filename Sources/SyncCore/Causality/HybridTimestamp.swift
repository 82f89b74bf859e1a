/// A hybrid logical clock reading: wall-clock milliseconds plus a logical counter.
///
/// Timestamps order writes for the deterministic winner of a register. They never decide
/// causality (dots and contexts do), so a wrong wall clock cannot lose a write; it can only
/// change which of two concurrent values is shown first.
public struct HybridTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let wallMillis: Int64
    /// Tie-breaking counter for readings within the same millisecond.
    public let logical: UInt32

    /// Creates a timestamp.
    public init(wallMillis: Int64, logical: UInt32 = 0) {
        self.wallMillis = wallMillis
        self.logical = logical
    }

    /// The zero timestamp, before every real one.
    public static let zero = HybridTimestamp(wallMillis: 0, logical: 0)

    /// The greatest timestamp.
    public static let max = HybridTimestamp(wallMillis: .max, logical: .max)

    /// The smallest timestamp greater than this one; `max` itself has none and stays
    /// `max` (a stamp never overflows into the past, PROTOCOL.md §7).
    public var successor: HybridTimestamp {
        if self == .max { return .max }
        return logical == .max
            ? HybridTimestamp(wallMillis: wallMillis + 1, logical: 0)
            : HybridTimestamp(wallMillis: wallMillis, logical: logical + 1)
    }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool {
        (lhs.wallMillis, lhs.logical) < (rhs.wallMillis, rhs.logical)
    }

    public var description: String { "\(wallMillis).\(logical)" }
}

/// A hybrid logical clock: readings are monotone even when the wall clock jumps backwards,
/// and stay ahead of every timestamp the replica has observed.
public struct HybridClock: Sendable {
    /// The last reading handed out or observed.
    public private(set) var last: HybridTimestamp

    /// Creates a clock that continues after `last` (persist it to survive restarts).
    public init(last: HybridTimestamp = .zero) { self.last = last }

    /// A new reading for a local event at wall-clock time `wallMillis`.
    ///
    /// When the wall clock is behind the last reading (it jumped backwards, or a remote
    /// replica's clock is ahead), the reading continues from the last one instead.
    public mutating func now(wallMillis: Int64) -> HybridTimestamp {
        let reading = wallMillis > last.wallMillis
            ? HybridTimestamp(wallMillis: wallMillis, logical: 0)
            : last.successor
        last = reading
        return reading
    }

    /// Records a timestamp seen in remote data so later readings come after it.
    public mutating func observe(_ timestamp: HybridTimestamp) {
        if timestamp > last { last = timestamp }
    }

    /// Records a remote timestamp unless it lies more than `maxAheadMillis` ahead of the
    /// wall clock (or before 1970): a replica that observed such a time could never write
    /// a stamp after it, so it is ignored (servers refuse such entries, PROTOCOL.md §7).
    /// - Returns: whether the timestamp was observed.
    @discardableResult
    public mutating func observe(_ timestamp: HybridTimestamp, wallMillis: Int64, maxAheadMillis: Int64) -> Bool {
        let latest = wallMillis > Int64.max - maxAheadMillis ? Int64.max : wallMillis + maxAheadMillis
        guard timestamp.wallMillis >= 0, timestamp.wallMillis <= latest else { return false }
        observe(timestamp)
        return true
    }
}
