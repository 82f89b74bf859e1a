import Foundation
import SyncCore
@testable import ForumModel

/// A small world for rule tests: one Södertälje forum, a named and an anonymous
/// participant present, one participant absent, and a Norrtälje forum.
struct Fixture {
    static let deviceA = ReplicaID("dev-a") ?? .server
    static let deviceB = ReplicaID("dev-b") ?? .server
    static let time = HybridTimestamp(wallMillis: 1_790_000_000_000)

    static let forumID = "forum-sodertalje-1"
    static let otherForumID = "forum-norrtalje-1"
    static let namedID = "p-named"
    static let anonymousID = "p-anon"
    static let absentID = "p-absent"

    static let facilitator = Actor(role: .facilitator, municipalities: ["Södertälje"])
    static let coordinator = Actor(role: .coordinator, municipalities: ["Södertälje"])
    static let norrtaljeCoordinator = Actor(role: .coordinator, municipalities: ["Norrtälje"])
    static let admin = Actor(role: .admin, municipalities: [])

    var lookup = InMemoryLookup()

    init() {
        let start = RecordTime.instant("2026-11-24T12:00:00Z") ?? Date()
        let forum = Forum(id: Self.forumID, municipality: "Södertälje", title: "Deltagarforum 1", series: "Deltagarforum Södertälje",
                          kind: .deltagarforum, venue: "Södertälje Aktivitetscentrum", start: start,
                          end: start.addingTimeInterval(3 * 3600), defaultHonorariumKronor: 900, status: .held,
                          minutes: "Johan Ek tog upp frågan om SIP.")
        lookup.insert(Self.make(Forum.collection, forum.id, forum.fields))
        let other = Forum(id: Self.otherForumID, municipality: "Norrtälje", title: "Träff 1", kind: .meeting, start: start,
                          end: start.addingTimeInterval(7200), defaultHonorariumKronor: 500, status: .held)
        lookup.insert(Self.make(Forum.collection, other.id, other.fields))
        let people = [
            Participant(id: Self.namedID, displayName: "Karin Holm", association: "RSMH", contact: "karin.holm@example.se",
                        municipality: "Södertälje"),
            Participant(id: Self.anonymousID, displayName: "Johan Ek", association: "Attention", contact: "070-123 45 67",
                        municipality: "Södertälje", anonymous: true, consentGiven: true, consentDate: "2026-11-01"),
            Participant(id: Self.absentID, displayName: "Maria Svensson", municipality: "Södertälje"),
        ]
        for person in people { lookup.insert(Self.make(Participant.collection, person.id, person.fields)) }
        for (id, role, present) in [(Self.namedID, AttendanceRole.associationRepresentative, true),
                                    (Self.anonymousID, .participant, true), (Self.absentID, .participant, false)] {
            let attendance = Attendance(forumID: Self.forumID, participantID: id, role: role, present: present)
            lookup.insert(Self.make(Attendance.collection, attendance.id, attendance.fields))
        }
    }

    static func attendanceID(_ participantID: String) -> String {
        Attendance.id(forumID: forumID, participantID: participantID)
    }

    /// A new record written once by `replica`.
    static func make(_ collection: String, _ id: String, _ values: [String: JSONValue],
                     by replica: ReplicaID = deviceA) -> RecordState {
        var state = RecordState(collection: collection, id: id)
        _ = try? state.write(values, by: replica, at: time)
        return state
    }

    /// `state` after a further write by `replica`.
    static func edit(_ state: RecordState, _ values: [String: JSONValue], by replica: ReplicaID = deviceA,
                     offset: Int64 = 1000) -> RecordState {
        var copy = state
        _ = try? copy.write(values, by: replica, at: HybridTimestamp(wallMillis: time.wallMillis + offset))
        return copy
    }

    /// An honorarium for `participantID`'s attendance, written through the usual steps up to `status`.
    static func honorarium(_ participantID: String = anonymousID, status: HonorariumStatus, amount: Int64 = 900) -> RecordState {
        var honorarium = Honorarium(attendanceID: attendanceID(participantID), amount: amount, payerMunicipality: "Södertälje")
        var state = make(Honorarium.collection, honorarium.id, honorarium.fields)
        switch status {
        case .proposed: break
        case .approved: state = edit(state, honorarium.approvalFields())
        case .paid:
            state = edit(state, honorarium.approvalFields())
            honorarium.approvedAmount = amount
            state = edit(state, honorarium.paymentFields(paidDate: "2026-12-01", method: .bankTransfer), offset: 2000)
        case .declined: state = edit(state, honorarium.declineFields(reason: "Dubbelregistrering"))
        case .waived: state = edit(state, [Honorarium.Field.status: "waived"])
        }
        return state
    }
}

extension Result where Success == Void {
    var isAllowed: Bool { if case .success = self { true } else { false } }
}
