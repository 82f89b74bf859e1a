import FieldClient
import ForumModel
import Foundation
import SyncCore

/// An honorarium with its forum and participant, as `forum honorarium list` shows it.
struct HonorariumRow {
    let honorarium: Honorarium
    let state: RecordState
    let forum: Forum
    let name: String
    /// The participant is anonymous: the real name is shown (payment needs it) but
    /// marked, so no one copies it into minutes or reports by mistake.
    let anonymous: Bool

    /// Honoraria with their forum and participant, optionally filtered.
    static func all(_ context: CommandContext, status: HonorariumStatus?, municipality: String?) throws -> [HonorariumRow] {
        let replica = try context.replica()
        let lookup = replica.lookup
        let states: [RecordState]
        if let status {
            states = (try? replica.store.records(in: Honorarium.collection, where: Honorarium.Field.status,
                                                 equals: .string(status.rawValue), limit: 100_000)) ?? []
        } else {
            states = replica.lookup.live(collection: Honorarium.collection)
        }
        return states.compactMap { state -> HonorariumRow? in
            guard let honorarium = try? Honorarium(state),
                  let attendance = lookup.live(collection: Attendance.collection, id: honorarium.attendanceID).flatMap({ try? Attendance($0) }),
                  let forum = lookup.live(collection: Forum.collection, id: attendance.forumID).flatMap({ try? Forum($0) }),
                  municipality.map({ $0 == forum.municipality || $0 == honorarium.payerMunicipality }) ?? true else { return nil }
            let person = lookup.state(collection: Participant.collection, id: attendance.participantID)
            let name = person?[Participant.Field.displayName]?.stringValue ?? ""
            let anonymous = person.flatMap({ try? Participant($0) })?.anonymous == true
            return HonorariumRow(honorarium: honorarium, state: state, forum: forum, name: name, anonymous: anonymous)
        }.sorted { ($0.forum.start, $0.name, $0.state.id) < ($1.forum.start, $1.name, $1.state.id) }
    }
}
