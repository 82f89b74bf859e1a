import Messages

/// The role a person had at one meeting (not a user's role in the system, see `Role`).
public enum AttendanceRole: String, Sendable, CaseIterable, Hashable {
    /// A participant (deltagare).
    case participant
    /// A representative of a user association (föreningsrepresentant), e.g. RSMH.
    case associationRepresentative = "association_representative"
    /// A manager of the municipal service (chef).
    case manager
    /// Staff of the service (personal).
    case staff
    /// The facilitator (processledare).
    case facilitator
    /// An observer.
    case observer

    /// The catalogue key of the role name.
    public var messageKey: MessageKey { MessageKey("domain.attendance_role.\(rawValue)") }
}
