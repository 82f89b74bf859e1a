import SyncCore

extension Authorization {
    /// The honorarium rules, by role.
    ///
    /// - Facilitator: the fields it may write and the status it must have seen are checked
    ///   by `check` from the schema; here: it may not set any status but `proposed`, nor
    ///   carry a correction (`role_forbidden`). An amount changed offline while a
    ///   coordinator approved is merged and flagged (`ReviewFlags`), as PROTOCOL.md §18.1 says.
    /// - Coordinator: may move the status along legal paths (`illegal_status_transition`
    ///   otherwise). A paid, declined or waived honorarium is final (`final_status`)
    ///   unless the change carries a correction, which allows any valid change.
    /// - Both: a change that moves the status to approved or paid is refused when the
    ///   attendance is marked absent (`absent_attendance`) or its forum is not marked held
    ///   (`forum_not_held`, see `HonorariumApproval`).
    ///
    /// Statuses are judged by reachability: a push carries the net effect of several local
    /// writes, so `proposed → paid` is one legal change for a coordinator.
    static func checkHonorarium(actor: Actor, before: RecordState?, after: RecordState, changed: Set<String>,
                                lookup: RecordLookup) -> Result<Void, DomainError> {
        let to = status(after)
        let correction = isCorrection(before: before, after: after)

        switch actor.role {
        case .facilitator:
            let wroteStatus = changed.contains(Honorarium.Field.status)
            guard !wroteStatus || to == nil || to == .proposed || to == before.flatMap(status), !correction else {
                return .failure(DomainError(.roleForbidden, ["role": actor.role.rawValue]))
            }
        case .coordinator:
            let from = before.flatMap(status) ?? .proposed
            if !correction {
                if from.isFinal, before != nil {
                    return .failure(DomainError(.finalStatus, ["status": from.rawValue]))
                }
                if let to, !from.reachable.contains(to) {
                    return .failure(DomainError(.illegalStatusTransition, ["from": from.rawValue, "to": to.rawValue]))
                }
            }
        case .admin:
            return .success(())
        }

        if let to, to == .approved || to == .paid, before.flatMap(status) != to {
            if let error = HonorariumApproval.obstacle(to: to, attendanceID: after[Honorarium.Field.attendanceID]?.stringValue,
                                                       lookup: lookup) {
                return .failure(error)
            }
        }
        return .success(())
    }

    /// The visible status of a live honorarium state, `nil` when deleted or unreadable.
    static func status(_ state: RecordState) -> HonorariumStatus? {
        guard !state.isDeleted, let raw = state[Honorarium.Field.status]?.stringValue else { return nil }
        return HonorariumStatus(rawValue: raw)
    }
}
