import ForumModel
import SyncCore

/// What approving every proposed honorarium of a forum did.
public struct ApprovalOutcome: Equatable, Sendable {
    /// A proposal left as it was, and the rule that kept it.
    public struct Skipped: Equatable, Sendable {
        /// The honorarium.
        public let honorariumID: String
        /// Whose it is.
        public let participantID: String
        /// Why it was not approved (`absent_attendance`, …).
        public let reason: DomainError
    }

    /// How many were approved.
    public var approved = 0
    /// Those skipped, in attendance order.
    public var skipped: [Skipped] = []
}

extension LocalReplica {
    /// Approves every proposed honorarium of `forumID` that the rules allow, in one
    /// transaction, and returns which it skipped and why (someone marked absent). A forum
    /// not held is refused as a whole (`forum_not_held`), nothing approved. What
    /// `forum honorarium approve-all` and the app's "approve all" both do.
    ///
    /// - Throws: `refused` (`forum_not_held`, or the role's refusal), `storage_error`.
    public func approveAll(forumID: String) throws(ClientError) -> ApprovalOutcome {
        let lookup = lookup
        var toApprove: [(RecordState, Honorarium)] = []
        var outcome = ApprovalOutcome()
        for attendanceState in lookup.attendances(forumID: forumID) {
            guard let state = lookup.live(collection: Honorarium.collection, id: Honorarium.id(attendanceID: attendanceState.id)),
                  let honorarium = try? Honorarium(state), honorarium.status == .proposed else { continue }
            guard let obstacle = HonorariumApproval.obstacle(to: .approved, attendanceID: attendanceState.id, lookup: lookup) else {
                toApprove.append((state, honorarium))
                continue
            }
            if obstacle.code == .forumNotHeld {
                throw ClientError(.refused, obstacle.message, detailCode: obstacle.code.rawValue, detailParams: obstacle.params)
            }
            outcome.skipped.append(.init(honorariumID: state.id,
                                         participantID: attendanceState[Attendance.Field.participantID]?.stringValue ?? "",
                                         reason: obstacle))
        }
        try transaction { () throws(ClientError) in
            for (state, honorarium) in toApprove {
                try write(collection: Honorarium.collection, id: state.id, values: honorarium.approvalFields())
            }
        }
        outcome.approved = toApprove.count
        return outcome
    }
}
