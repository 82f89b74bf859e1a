import SyncCore

/// Whether an honorarium may be approved or paid, judged by the meeting it pays for: the
/// one rule the write gate (`Authorization.checkHonorarium`, on the laptop and the server)
/// and the commands that approve in bulk share.
///
/// An honorarium pays for having been at a meeting, so it is approved or paid only when
/// the attendance is marked present (`absent_attendance`) and the forum is marked held
/// (`forum_not_held`): a planned forum has not taken place yet, a cancelled one never
/// will. Proposing, declining and waiving stay possible, since they pay nothing.
///
/// Marking someone absent does not change their honorarium: a facilitator may only write
/// `proposed`, and there is no status between proposed and declined, so a proposal for
/// someone absent stays proposed, cannot be approved and is flagged for the coordinator
/// (`ReviewFlag.Code.proposedWhileAbsent`) until the person is marked present again, when
/// it is an ordinary proposal once more. No record changes, so nothing conflicts when two
/// laptops disagree about the attendance for a while.
public enum HonorariumApproval {
    /// Why an honorarium of `attendanceID` cannot move to `status` (approved or paid), or
    /// `nil` when its meeting allows it.
    /// - Parameters:
    ///   - status: the status the honorarium would get; only `approved` and `paid` are judged.
    ///   - attendanceID: the honorarium's attendance.
    ///   - lookup: the attendance and forum.
    /// - Returns: `reference_missing` when the attendance or forum is gone, `absent_attendance`,
    ///   `forum_not_held`, or `nil`.
    public static func obstacle(to status: HonorariumStatus, attendanceID: String?, lookup: RecordLookup) -> DomainError? {
        guard status == .approved || status == .paid else { return nil }
        guard let attendanceID, let attendance = lookup.liveFacts(collection: Attendance.collection, id: attendanceID) else {
            return DomainError(.referenceMissing, ["field": Honorarium.Field.attendanceID])
        }
        if attendance[Attendance.Field.present] == .bool(false) {
            return DomainError(.absentAttendance, ["status": status.rawValue])
        }
        guard let forumID = attendance[Attendance.Field.forumID]?.stringValue,
              let forum = lookup.liveFacts(collection: Forum.collection, id: forumID) else {
            return DomainError(.referenceMissing, ["field": Attendance.Field.forumID])
        }
        if forum[Forum.Field.status]?.stringValue != ForumStatus.held.rawValue {
            return DomainError(.forumNotHeld, ["status": status.rawValue])
        }
        return nil
    }
}
