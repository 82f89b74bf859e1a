import Messages

/// A user's role in the system, granted at enrolment.
public enum Role: String, Sendable, CaseIterable, Hashable {
    /// Processledare: creates and edits forums, participants and attendance, and proposes
    /// honoraria, in its own municipalities.
    case facilitator
    /// Everything a facilitator may do in its municipalities, plus approving, declining,
    /// waiving, marking paid and correcting honoraria.
    case coordinator
    /// Resolves conflicts in any municipality; sees no personal data of anonymous participants.
    case admin

    /// The catalogue key of the role name.
    public var messageKey: MessageKey { MessageKey("domain.role.\(rawValue)") }
}
