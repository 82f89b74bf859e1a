/// One value of a field together with the write that produced it.
public struct FieldEntry: Hashable, Sendable {
    /// The value written.
    public let value: JSONValue
    /// The write that produced it.
    public let dot: Dot
    /// When it was written (hybrid logical clock); orders concurrent values for display.
    public let time: HybridTimestamp

    /// Creates an entry.
    public init(value: JSONValue, dot: Dot, time: HybridTimestamp) {
        self.value = value
        self.dot = dot
        self.time = time
    }

    /// Whether this entry wins over `other` as the visible value: the later timestamp,
    /// ties broken by replica id, then counter. Total, so every replica picks the same winner.
    public func winsOver(_ other: FieldEntry) -> Bool {
        if time != other.time { return time > other.time }
        if dot.replica != other.dot.replica { return dot.replica > other.dot.replica }
        return dot.counter > other.dot.counter
    }
}
