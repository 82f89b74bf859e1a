/// A version vector: for each replica, the highest counter of its writes that have been seen.
///
/// A record's causal context is a version vector. It is downward closed: holding counter `n`
/// for replica `r` means every write `r:1 … r:n` to the record has been seen (and is either
/// still held or was overwritten by a later write that saw it). That holds because a replica
/// always writes on top of its own latest state.
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    /// Counters by replica; replicas at zero are never stored.
    public private(set) var counters: [ReplicaID: UInt64]

    /// The empty vector: nothing seen.
    public init() { counters = [:] }

    /// Creates a vector from counters; zero counters are dropped.
    public init(_ counters: [ReplicaID: UInt64]) {
        // Filtering rebuilds the Dictionary, so only when there is something to drop.
        self.counters = counters.values.contains(0) ? counters.filter { $0.value > 0 } : counters
    }

    /// The counter for `replica`, zero when nothing of it has been seen.
    public subscript(replica: ReplicaID) -> UInt64 {
        get { counters[replica] ?? 0 }
        set { counters[replica] = newValue == 0 ? nil : newValue }
    }

    /// Whether the write `dot` is included in this vector.
    public func covers(_ dot: Dot) -> Bool { self[dot.replica] >= dot.counter }

    /// Whether every write seen by `other` has been seen by this vector.
    public func dominatesOrEquals(_ other: VersionVector) -> Bool {
        other.counters.allSatisfy { self[$0.key] >= $0.value }
    }

    /// Compares two vectors.
    /// - Complexity: O(n) in the number of replicas.
    public func compare(_ other: VersionVector) -> CausalOrder {
        switch (dominatesOrEquals(other), other.dominatesOrEquals(self)) {
        case (true, true): return .equal
        case (true, false): return .after
        case (false, true): return .before
        case (false, false): return .concurrent
        }
    }

    /// The pointwise maximum: everything either side has seen.
    public func merged(with other: VersionVector) -> VersionVector {
        var result = self
        result.merge(other)
        return result
    }

    /// Replaces this vector with the pointwise maximum of itself and `other`.
    public mutating func merge(_ other: VersionVector) {
        for (replica, counter) in other.counters where counter > self[replica] {
            counters[replica] = counter
        }
    }

    /// Adds the next dot of `replica` and returns it.
    public mutating func increment(_ replica: ReplicaID) -> Dot {
        let next = self[replica] &+ 1
        counters[replica] = next
        return Dot(replica: replica, counter: next)
    }

    /// Replicas in canonical (byte) order with their counters.
    public var sorted: [(replica: ReplicaID, counter: UInt64)] {
        counters.sorted { $0.key < $1.key }.map { (replica: $0.key, counter: $0.value) }
    }

    public var isEmpty: Bool { counters.isEmpty }

    public var description: String {
        "[" + sorted.map { "\($0.replica):\($0.counter)" }.joined(separator: ", ") + "]"
    }
}
