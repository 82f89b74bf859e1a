import SyncCore

extension ForumSchema {
    /// The fields rules read of a record *another* record refers to, beyond its scope and
    /// references: an attendance's presence and a forum's status (`HonorariumApproval`), a
    /// participant's erasure (a payee's rule in `Authorization.check`).
    static let readByReferrers: [String: [String]] = [
        Forum.collection: [Forum.Field.status],
        Participant.collection: [Participant.Field.erased],
        Attendance.collection: [Attendance.Field.present],
    ]

    /// The fields of each collection that rules read when they follow a reference to a
    /// record of it (`RecordLookup.facts`): its scope field, its references and
    /// `readByReferrers`. A store that keeps facts apart from the state keeps these.
    public static let factFields: [String: [String]] = {
        var result: [String: [String]] = [:]
        for spec in collections {
            var fields: [String] = []
            switch spec.scope {
            case .field(let name), .via(let name): fields.append(name)
            }
            for reference in spec.references where !fields.contains(reference.field) { fields.append(reference.field) }
            for name in readByReferrers[spec.name] ?? [] where !fields.contains(name) { fields.append(name) }
            result[spec.name] = fields
        }
        return result
    }()
}
