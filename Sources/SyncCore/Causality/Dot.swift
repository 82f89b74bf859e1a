/// One write event: the `counter`-th write of `replica` to a record.
///
/// Every entry of a field register carries the dot of the write that produced it. A dot is
/// unique: a replica never reuses a counter for the same record, so two entries with the same
/// dot are the same write.
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The replica that made the write.
    public let replica: ReplicaID
    /// The replica's counter for the record, starting at 1.
    public let counter: UInt64

    /// Creates a dot.
    public init(replica: ReplicaID, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    public var description: String { "\(replica.rawValue):\(counter)" }

    /// Dots order by replica, then counter: the canonical order of entries in a register.
    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        lhs.replica != rhs.replica ? lhs.replica < rhs.replica : lhs.counter < rhs.counter
    }
}
