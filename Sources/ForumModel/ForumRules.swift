import SyncCore

/// The record-level rules: what a valid forum, participant, attendance or honorarium is.
///
/// Checks the visible values (the register winners). A register in conflict is checked by
/// its shown value; the conflict itself is for a person to resolve, not a rule violation.
public enum ForumRules {
    /// The collections the domain knows.
    public static let collections: Set<String> = [Forum.collection, Participant.collection,
                                                  Attendance.collection, Honorarium.collection]

    /// Validates one record on its own: required fields, types, allowed values, dates,
    /// amounts, derived ids and the fields each honorarium status requires. A deleted
    /// record (a tombstone) is always valid.
    /// - Returns: `.success`, or the first problem found.
    public static func validate(_ state: RecordState,
                                configuration: DomainConfiguration = DomainConfiguration()) -> Result<Void, DomainError> {
        guard collections.contains(state.collection) else {
            return .failure(DomainError(.unknownCollection, ["collection": state.collection]))
        }
        if state.isDeleted { return .success(()) }
        do {
            switch state.collection {
            case Forum.collection: _ = try Forum(state, configuration: configuration)
            case Participant.collection: _ = try Participant(state, configuration: configuration)
            case Attendance.collection: _ = try Attendance(state, configuration: configuration)
            default: _ = try Honorarium(state, configuration: configuration)
            }
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// The municipality a record belongs to: its own field for forums and participants,
    /// its forum's for attendance and honoraria (followed through `lookup`).
    /// - Returns: `nil` when the record or a record it refers to lacks the information.
    public static func municipality(of state: RecordState, lookup: RecordLookup) -> String? {
        switch state.collection {
        case Forum.collection, Participant.collection:
            return state[Forum.Field.municipality]?.stringValue
        case Attendance.collection:
            guard let forumID = state[Attendance.Field.forumID]?.stringValue,
                  let forum = lookup.state(collection: Forum.collection, id: forumID) else { return nil }
            return forum[Forum.Field.municipality]?.stringValue
        case Honorarium.collection:
            guard let attendanceID = state[Honorarium.Field.attendanceID]?.stringValue,
                  let attendance = lookup.state(collection: Attendance.collection, id: attendanceID) else { return nil }
            return municipality(of: attendance, lookup: lookup)
        default:
            return nil
        }
    }

    /// Checks that the live records `state` refers to exist.
    static func checkReferences(_ state: RecordState, lookup: RecordLookup) -> Result<Void, DomainError> {
        let references: [(field: String, collection: String)]
        switch state.collection {
        case Attendance.collection:
            references = [(Attendance.Field.forumID, Forum.collection),
                          (Attendance.Field.participantID, Participant.collection)]
        case Honorarium.collection:
            references = [(Honorarium.Field.attendanceID, Attendance.collection)]
        default:
            references = []
        }
        for reference in references {
            guard let id = state[reference.field]?.stringValue,
                  lookup.live(collection: reference.collection, id: id) != nil else {
                return .failure(DomainError(.referenceMissing, ["field": reference.field]))
            }
        }
        return .success(())
    }
}
