import SyncCore

/// Finds records that merged cleanly field by field but are wrong as a whole.
///
/// ## Why witness fields rather than dots
///
/// The natural question, "was the amount written without seeing the approval?", cannot be
/// answered from a merged `RecordState`: SyncCore keeps a dot per entry and one context per
/// record, not the context each write was made in. Two histories give identical states:
///
/// 1. dev-f changes the amount (f:2), the server relays it, dev-c sees it and approves (c:1);
/// 2. dev-f changes the amount (f:2) while dev-c, who never saw it, approves (c:1).
///
/// Both end as `amount@f:2, status@c:1, context {f:2, c:1}`. Timestamps help only one way
/// (a write that saw another has a later stamp, so `amount.time > status.time` proves the
/// approval did not see the amount, but the converse proves nothing). To tell the cases
/// apart SyncCore would have to keep, per entry, the context of its write.
///
/// The domain records the fact itself instead: an approval writes `approvedAmount` (the
/// amount the approver saw) with the status, and marking paid writes `paidAmount`. After any
/// merge, an honorarium whose `amount` differs from its witness got an amount nobody
/// approved (or paid) — concurrently, which is the case that matters, or sequentially by a
/// coordinator who did not re-approve, which deserves the same look. The helpers
/// `Honorarium.approvalFields()` and `paymentFields(…)` write the witnesses, and
/// validation requires them for approved and paid honoraria.
///
/// A register with several entries is a field conflict (`RecordState.conflicts`) and is
/// reported there; flags compare the shown values.
public enum ReviewFlags {
    /// The flags of one record.
    ///
    /// For an honorarium: `amount_changed_during_approval` (approved, amount ≠
    /// approvedAmount), `paid_amount_changed` (paid, amount ≠ paidAmount),
    /// `approved_while_absent` (approved or paid while the attendance is absent, deleted
    /// or missing), `proposed_while_absent` (proposed while the attendance is marked absent;
    /// see `HonorariumApproval` for why the honorarium is flagged rather than changed).
    /// For an attendance: the flags of its honorarium (found by derived id),
    /// so marking someone absent after approval shows up at once. Other records: none.
    ///
    /// - Parameters:
    ///   - state: the record, typically the result of a merge.
    ///   - lookup: other records (attendance of an honorarium, and the reverse).
    public static func flags(for state: RecordState, lookup: RecordLookup) -> [ReviewFlag] {
        guard !state.isDeleted else { return [] }
        switch state.collection {
        case Honorarium.collection:
            return honorariumFlags(state, attendance: state[Honorarium.Field.attendanceID]?.stringValue
                .flatMap { lookup.live(collection: Attendance.collection, id: $0) })
        case Attendance.collection:
            let honorariumID = Honorarium.id(attendanceID: state.id)
            guard let honorarium = lookup.live(collection: Honorarium.collection, id: honorariumID) else { return [] }
            return honorariumFlags(honorarium, attendance: state)
        default:
            return []
        }
    }

    /// The flags of every record in `lookup`, honoraria only (attendance flags are theirs), by id.
    public static func allFlags(in lookup: RecordLookup) -> [ReviewFlag] {
        lookup.states(collection: Honorarium.collection).sorted { $0.id < $1.id }
            .flatMap { flags(for: $0, lookup: lookup) }
    }

    static func honorariumFlags(_ state: RecordState, attendance: RecordState?) -> [ReviewFlag] {
        guard let raw = state[Honorarium.Field.status]?.stringValue,
              let status = HonorariumStatus(rawValue: raw) else { return [] }
        var codes: [ReviewFlag.Code] = []
        let amount = state[Honorarium.Field.amount]
        if status == .approved, let approved = state[Honorarium.Field.approvedAmount], approved != amount {
            codes.append(.amountChangedDuringApproval)
        }
        if status == .paid, let paid = state[Honorarium.Field.paidAmount], paid != amount {
            codes.append(.paidAmountChanged)
        }
        if status == .approved || status == .paid,
           attendance == nil || attendance?[Attendance.Field.present] == .bool(false) {
            codes.append(.approvedWhileAbsent)
        }
        if status == .proposed, attendance?[Attendance.Field.present] == .bool(false) {
            codes.append(.proposedWhileAbsent)
        }
        return codes.map { ReviewFlag($0, collection: state.collection, id: state.id) }
    }
}
