import ForumModel
import SyncCore

/// What recording an attendance did to the participant's honorarium.
public struct AttendanceOutcome: Equatable, Sendable {
    /// Something a person should be told about the honorarium.
    public enum Note: Equatable, Sendable {
        /// A coordinator declined it; attending again does not undo that.
        case staysDeclined
        /// It was waived; attending again does not undo that.
        case staysWaived
        /// The participant was absent and is present again: the proposal is approvable again.
        case proposedAgain(amount: Int64)
    }

    /// The amount proposed or changed by this write, `nil` when the honorarium was left as it was.
    public var proposed: Int64?
    /// What to tell, in order.
    public var notes: [Note] = []
}

extension LocalReplica {
    /// Records `participantID` as present at `forum` in `role` and, unless
    /// `withHonorarium` is `false`, proposes an honorarium: `amount`, or the forum's
    /// default when it has one. Both in one transaction. An existing honorarium follows
    /// the attendance by the rules (`HonorariumApproval`): a proposal is approvable again,
    /// a decision stays; only an explicit `amount` changes its amount. What `forum attend`
    /// and the app's attendance checklist both do.
    ///
    /// - Throws: `refused` with the domain's reason, `storage_error`.
    @discardableResult
    public func attend(forum: Forum, participantID: String, role: AttendanceRole, amount: Int64? = nil,
                       withHonorarium: Bool = true) throws(ClientError) -> AttendanceOutcome {
        let attendance = Attendance(forumID: forum.id, participantID: participantID, role: role)
        let proposed = withHonorarium ? (amount ?? (forum.defaultHonorariumKronor > 0 ? forum.defaultHonorariumKronor : nil)) : nil
        var outcome = AttendanceOutcome()
        try transaction { () throws(ClientError) in
            let previous = try state(collection: Attendance.collection, id: attendance.id)
            let wasAbsent = previous.map { !$0.isDeleted && $0[Attendance.Field.present] == .bool(false) } ?? false
            try write(collection: Attendance.collection, id: attendance.id, values: attendance.fields)
            guard let proposed else { return }
            let id = Honorarium.id(attendanceID: attendance.id)
            if let existing = try state(collection: Honorarium.collection, id: id), !existing.isDeleted {
                let status = (try? Honorarium(existing))?.status
                if status == .declined { outcome.notes.append(.staysDeclined) }
                if status == .waived { outcome.notes.append(.staysWaived) }
                guard amount != nil else {
                    if wasAbsent, status == .proposed, let shown = existing[Honorarium.Field.amount]?.integerValue {
                        outcome.notes.append(.proposedAgain(amount: shown))
                    }
                    return
                }
                try write(collection: Honorarium.collection, id: id, values: [Honorarium.Field.amount: .integer(proposed)])
            } else {
                let honorarium = Honorarium(attendanceID: attendance.id, amount: proposed, payerMunicipality: forum.payingMunicipality)
                try write(collection: Honorarium.collection, id: id, values: honorarium.fields)
            }
            outcome.proposed = proposed
        }
        return outcome
    }

    /// Records `participantID` as absent from `forumID`. The honorarium is left as it is
    /// and the rules make it follow (`HonorariumApproval`): a proposal is no longer
    /// approvable and is flagged for the coordinator, as is one already approved or paid.
    ///
    /// - Returns: the participant's honorarium at this forum, if any, so the caller can say
    ///   what becomes of it.
    /// - Throws: `refused` with the domain's reason, `storage_error`.
    @discardableResult
    public func markAbsent(forumID: String, participantID: String) throws(ClientError) -> Honorarium? {
        let id = Attendance.id(forumID: forumID, participantID: participantID)
        if let existing = try state(collection: Attendance.collection, id: id), !existing.isDeleted {
            try write(collection: Attendance.collection, id: id, values: [Attendance.Field.present: .bool(false)])
        } else {
            let attendance = Attendance(forumID: forumID, participantID: participantID, role: .participant, present: false)
            try write(collection: Attendance.collection, id: id, values: attendance.fields)
        }
        return lookup.live(collection: Honorarium.collection, id: Honorarium.id(attendanceID: id)).flatMap { try? Honorarium($0) }
    }
}
