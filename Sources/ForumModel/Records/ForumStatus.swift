import Messages

/// Whether a forum is still to come, took place or was called off.
public enum ForumStatus: String, Sendable, CaseIterable, Hashable {
    /// Planned, not yet held.
    case planned
    /// Held; counts in attendance reports.
    case held
    /// Cancelled.
    case cancelled

    /// The catalogue key of the status name.
    public var messageKey: MessageKey { MessageKey("domain.forum_status.\(rawValue)") }
}
