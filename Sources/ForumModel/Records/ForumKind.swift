import Messages

/// What kind of meeting a forum is. Raw values are stored in records and never change.
public enum ForumKind: String, Sendable, CaseIterable, Hashable {
    /// Deltagarforum: a participant forum run with a user association.
    case deltagarforum
    /// A workshop.
    case workshop
    /// Framtidsverkstad: a future workshop.
    case framtidsverkstad
    /// Brukarråd: a user council (ASCII raw value, since record values are matched exactly).
    case brukarrad
    /// An ordinary meeting, e.g. a group meeting.
    case meeting

    /// The catalogue key of the kind's name.
    public var messageKey: MessageKey { MessageKey("domain.kind.\(rawValue)") }
}
