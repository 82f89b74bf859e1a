/// What one sync did.
public struct SyncSummary: Sendable, Equatable {
    /// Local changes pushed (and acknowledged).
    public var sent = 0
    /// Record states received from the server.
    public var received = 0
    /// Received states that changed the local replica.
    public var merged = 0
    /// Distinct records that came out of this sync's merges (pushed or pulled) with an open conflict.
    public var conflicts = 0
    /// Writes the server refused in this sync, with reasons.
    public var refused: [RefusedWrite] = []
    /// Participants whose identities left this laptop under the retention rule (§14c).
    public var retained = 0
    /// Tombstones past the server's horizon removed from this device (§14d).
    public var tombstonesPurged = 0
    /// When the server asked for a resync from the beginning (§14d): what it swept.
    public var resync: ResyncSweep?
    /// Exports made on this laptop reported to the server's audit trail (§13a).
    public var auditReported = 0

    public init() {}
}

/// Progress reports while syncing, for a progress bar or plain lines.
public enum SyncProgress: Sendable, Equatable {
    /// `sent` of `total` local changes pushed so far.
    case pushed(sent: Int, total: Int)
    /// `received` records pulled and stored so far; `more` when further pages follow.
    case pulled(received: Int, more: Bool)
    /// A pull page arrived: `received` records so far this sync, stored or about to be;
    /// `more` when further pages follow. Reported for every page, so a long pull shows
    /// progress as it goes and not only at each commit.
    case receiving(received: Int, more: Bool)
    /// A transient failure; waiting `delaySeconds` before try `attempt + 1`.
    case retrying(attempt: Int, delaySeconds: Double, code: String)
}
