import SyncCore

/// What deleting a forum, a participant or an attendance takes with it, by the rules of
/// the data-minimisation issue: the records that depend on it go too, children first, and
/// a paid honorarium, which accounting law requires to keep, blocks the delete
/// (`has_paid_honoraria`; the server's erasure clears the identifying fields instead).
/// Each delete is then a write of its own that `Authorization` judges like any other
/// (a facilitator cannot delete an approved honorarium, for instance).
public struct Deletion: Sendable, Equatable {
    /// One record to delete.
    public struct Target: Sendable, Hashable {
        public var collection: String
        public var id: String
    }

    /// The records to delete, dependents first, the one asked for last.
    public var targets: [Target]

    /// How many records of `collection` go with it.
    public func count(of collection: String) -> Int { targets.filter { $0.collection == collection }.count }

    /// The plan for deleting `collection`/`id`.
    /// - Returns: the plan, or `has_paid_honoraria` (with `count`), `reference_missing`
    ///   when the record is unknown or already deleted, `unknown_collection` for a
    ///   collection that cannot be deleted this way (honoraria are declined or waived).
    public static func plan(collection: String, id: String, lookup: some RecordLookup) -> Result<Deletion, DomainError> {
        guard lookup.live(collection: collection, id: id) != nil else {
            return .failure(DomainError(.referenceMissing, ["collection": collection]))
        }
        let attendances: [RecordState]
        switch collection {
        case Forum.collection:
            attendances = lookup.states(collection: Attendance.collection)
                .filter { !$0.isDeleted && $0[Attendance.Field.forumID]?.stringValue == id }
        case Participant.collection:
            attendances = lookup.states(collection: Attendance.collection)
                .filter { !$0.isDeleted && $0[Attendance.Field.participantID]?.stringValue == id }
        case Attendance.collection:
            attendances = [lookup.live(collection: Attendance.collection, id: id)].compactMap { $0 }
        default:
            return .failure(DomainError(.unknownCollection, ["collection": collection]))
        }
        var targets: [Target] = []
        var paid = 0
        for attendance in attendances.sorted(by: { $0.id < $1.id }) {
            let honorariumID = Honorarium.id(attendanceID: attendance.id)
            if let honorarium = lookup.live(collection: Honorarium.collection, id: honorariumID) {
                if honorarium[Honorarium.Field.status]?.stringValue == HonorariumStatus.paid.rawValue {
                    paid += 1
                    continue
                }
                targets.append(Target(collection: Honorarium.collection, id: honorariumID))
            }
            if attendance.id != id { targets.append(Target(collection: Attendance.collection, id: attendance.id)) }
        }
        guard paid == 0 else { return .failure(DomainError(.hasPaidHonoraria, ["count": String(paid)])) }
        // A participant's payee (identity number, account) goes with them where it is held
        // (a coordinator's device); the server deletes it when a device that cannot read it
        // deletes the participant.
        if collection == Participant.collection, lookup.live(collection: Payee.collection, id: Payee.id(participantID: id)) != nil {
            targets.append(Target(collection: Payee.collection, id: Payee.id(participantID: id)))
        }
        targets.append(Target(collection: collection, id: id))
        return .success(Deletion(targets: targets))
    }
}
