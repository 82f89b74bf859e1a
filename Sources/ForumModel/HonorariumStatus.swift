import Messages

/// Where an honorarium is on its way from proposal to payment.
///
/// Legal moves: proposed → approved → paid; proposed or approved → declined or waived.
/// Paid, declined and waived are final, except by a coordinator's explicit correction.
public enum HonorariumStatus: String, Sendable, CaseIterable, Hashable {
    /// Proposed by a facilitator or coordinator; the only status a facilitator may set.
    case proposed
    /// Approved for payment by a coordinator.
    case approved
    /// Paid out.
    case paid
    /// Declined by a coordinator.
    case declined
    /// Waived: the participant chose not to receive it.
    case waived

    /// The catalogue key of the status name.
    public var messageKey: MessageKey { MessageKey("domain.honorarium_status.\(rawValue)") }

    /// The statuses one legal step away.
    public var nextSteps: Set<HonorariumStatus> {
        switch self {
        case .proposed: [.approved, .declined, .waived]
        case .approved: [.paid, .declined, .waived]
        case .paid, .declined, .waived: []
        }
    }

    /// Whether no legal step leaves this status (only a correction can).
    public var isFinal: Bool { nextSteps.isEmpty }

    /// The statuses reachable in zero or more legal steps, this one included.
    ///
    /// A push carries the net effect of several local writes, so the server judges
    /// reachability rather than single steps: `proposed → paid` in one push is fine for
    /// a coordinator who approved and paid offline.
    public var reachable: Set<HonorariumStatus> { Self.reachableSets[self] ?? [self] }

    /// `reachable` of every status, computed once: every honorarium write asks for it.
    private static let reachableSets: [HonorariumStatus: Set<HonorariumStatus>] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.computedReachable) })

    private var computedReachable: Set<HonorariumStatus> {
        var result: Set<HonorariumStatus> = [self]
        var frontier = [self]
        while let status = frontier.popLast() {
            for next in status.nextSteps where result.insert(next).inserted { frontier.append(next) }
        }
        return result
    }
}
