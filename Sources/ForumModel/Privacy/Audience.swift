/// Who a view of the data is for; decides what `Redaction` hides.
public enum Audience: String, Sendable, CaseIterable, Hashable {
    /// Minutes, read by everyone who attended and kept on file.
    case minutes
    /// Attendance reports and statistics.
    case report
    /// The admin resolving conflicts: no personal data of anonymous participants.
    case admin
    /// A coordinator at work: sees everything in its municipalities (it pays honoraria).
    case coordinator
    /// A facilitator at work: sees everything in its municipalities (it met the people).
    case facilitator

    /// Whether anonymous participants are shown by pseudonym only.
    public var hidesAnonymous: Bool { self == .minutes || self == .report || self == .admin }

    /// Whether contact details are hidden for everyone (minutes and reports never need them).
    public var hidesContact: Bool { self == .minutes || self == .report }
}
