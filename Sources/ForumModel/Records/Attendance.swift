import SyncCore

/// That a participant was (or was expected) at a forum, and in what role.
///
/// The id is derived from (forum, participant), so the same fact recorded on two devices
/// is one record and merges instead of duplicating.
public struct Attendance: Hashable, Sendable {
    /// The collection name.
    public static let collection = "attendance"

    /// Field names in the record.
    public enum Field {
        public static let forumID = "forumId"
        public static let participantID = "participantId"
        public static let role = "role"
        public static let present = "present"
    }

    /// The forum's id.
    public var forumID: String
    /// The participant's id.
    public var participantID: String
    /// The role at this meeting.
    public var role: AttendanceRole
    /// Whether the person was there. Honoraria are approved and paid only when present.
    public var present: Bool

    /// The record id: derived from forum and participant.
    public var id: String { Self.id(forumID: forumID, participantID: participantID) }

    /// The id of the attendance record of `participantID` at `forumID`.
    public static func id(forumID: String, participantID: String) -> String {
        RecordID.derived(collection: collection, naturalKey: [forumID, participantID])
    }

    /// Creates an attendance.
    public init(forumID: String, participantID: String, role: AttendanceRole, present: Bool = true) {
        self.forumID = forumID
        self.participantID = participantID
        self.role = role
        self.present = present
    }

    /// Reads and validates an attendance record's visible values.
    /// - Throws: `DomainError` for the first problem `ForumSchema` finds.
    public init(_ state: RecordState, configuration: DomainConfiguration = DomainConfiguration()) throws(DomainError) {
        let reader = FieldReader(state: state, configuration: configuration)
        try reader.expectCollection(Self.collection)
        try ForumSchema.attendance.validate(state, configuration: configuration)
        forumID = try reader.string(Field.forumID)
        participantID = try reader.string(Field.participantID)
        role = try reader.enumValue(Field.role, as: AttendanceRole.self)
        present = try reader.bool(Field.present, default: true)
    }

    /// The values to write for this attendance.
    public var fields: [String: JSONValue] {
        [Field.forumID: .string(forumID), Field.participantID: .string(participantID),
         Field.role: .string(role.rawValue), Field.present: .bool(present)]
    }
}
