import SyncCore

/// What a merge or save did to one record.
public enum MergeOutcome: String, Sendable, Equatable {
    /// The record was not stored before.
    case new
    /// The stored state changed and has no open conflict.
    case changed
    /// The incoming state added nothing.
    case unchanged
    /// The stored state changed and now has an open conflict.
    case conflict
}

/// The result of merging one incoming state.
public struct MergeResult: Sendable, Equatable {
    public let collection: String
    public let id: String
    /// What happened.
    public let outcome: MergeOutcome
    /// The stored state after the merge.
    public let state: RecordState
    /// The record's change sequence after the merge.
    public let sequence: Int64
}

/// Host-supplied annotations of a stored state: scope tags and review flags.
public struct RecordAnnotations: Sendable, Equatable {
    /// Scope tags (e.g. `m:Södertälje`) under which `changes(since:tags:)` finds the record.
    public var tags: [String]
    /// Review flag codes raised for the record, empty when none.
    public var reviewFlags: [String]

    public init(tags: [String] = [], reviewFlags: [String] = []) {
        self.tags = tags
        self.reviewFlags = reviewFlags
    }
}
