/// Limits on a single record state, checked when a state is read from outside.
public struct RecordLimits: Sendable, Equatable {
    /// Most fields a record may have, the reserved `_deleted` included. Default: 64.
    public var maximumFields: Int = 64
    /// Most concurrent entries one register may hold. Default: 64.
    public var maximumEntriesPerField: Int = 64
    /// Largest canonical JSON size of one value, in bytes. Default: 65,536 (64 KiB).
    public var maximumValueBytes: Int = 65_536
    /// Most replicas in a causal context. Default: 4,096.
    public var maximumContextReplicas: Int = 4_096

    /// The default limits.
    public init() {}
}
