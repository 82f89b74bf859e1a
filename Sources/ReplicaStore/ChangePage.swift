import SyncCore

/// One page of the change feed: the latest state of each record changed after a sequence.
public struct ChangePage: Sendable {
    /// Changed records with their sequence, in sequence order.
    public let changes: [(sequence: Int64, state: RecordState)]
    /// The sequence to ask for next (the last one on this page, or the cursor given).
    public let nextSequence: Int64
    /// Whether more changes follow.
    public let hasMore: Bool
}

/// A local change the server has not acknowledged yet.
public struct PendingChange: Sendable, Equatable {
    /// The sequence of the local change; acknowledging it with a stale sequence does nothing.
    public let pendingSequence: Int64
    /// The current state of the record, to be pushed.
    public let state: RecordState
    /// `state`'s canonical JSON as the store holds it, when read from the store: pushed as
    /// it is, so the push body is not encoded again from the decoded state.
    public let encoded: [UInt8]?

    /// A pending change; `encoded`, when given, must be `state.canonicalJSON`.
    public init(pendingSequence: Int64, state: RecordState, encoded: [UInt8]? = nil) {
        self.pendingSequence = pendingSequence
        self.state = state
        self.encoded = encoded
    }

    /// The canonical JSON of `state`: the stored bytes when at hand.
    public var canonicalJSON: [UInt8] { encoded ?? state.canonicalJSON }
}

/// A record with an open conflict or review flags, for listings.
public struct ConflictSummary: Sendable, Equatable {
    public let collection: String
    public let id: String
    /// Fields in conflict (`_deleted` for delete-versus-update), empty when only flagged.
    public let fields: [String]
    /// Review flag codes.
    public let reviewFlags: [String]
    /// When the conflict was first seen here (ms since 1970), or the last change for flags.
    public let sinceMillis: Int64
}
