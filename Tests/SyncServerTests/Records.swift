import Foundation
import ForumModel
import SyncCore

/// Builders of valid forum records as devices write them.
enum Records {
    static let start = HybridTimestamp(wallMillis: 1_764_000_000_000)

    static func make(_ collection: String, _ id: String, _ values: [String: JSONValue], by replica: ReplicaID,
                     base: RecordState? = nil, at time: HybridTimestamp = start) throws -> RecordState {
        var state = base ?? RecordState(collection: collection, id: id)
        try state.write(values, by: replica, at: time)
        return state
    }

    /// A later write of `values` over `base`, one second after `start`.
    static func edit(_ base: RecordState, _ values: [String: JSONValue], by replica: ReplicaID) throws -> RecordState {
        try make(base.collection, base.id, values, by: replica, base: base,
                 at: HybridTimestamp(wallMillis: start.wallMillis + 1000))
    }

    static func forum(_ id: String, municipality: String, by replica: ReplicaID, title: String = "Brukarråd") throws -> RecordState {
        let forum = Forum(id: id, municipality: municipality, title: title, kind: .brukarrad,
                          start: Date(timeIntervalSince1970: 1_795_000_000), end: Date(timeIntervalSince1970: 1_795_007_200),
                          defaultHonorariumKronor: 500, status: .held)
        return try make(Forum.collection, id, forum.fields, by: replica)
    }

    static func participant(_ id: String, municipality: String, name: String, by replica: ReplicaID,
                            anonymous: Bool = false) throws -> RecordState {
        let participant = Participant(id: id, displayName: name, municipality: municipality, anonymous: anonymous)
        return try make(Participant.collection, id, participant.fields, by: replica)
    }

    static func attendance(forum: String, participant: String, by replica: ReplicaID) throws -> RecordState {
        let attendance = Attendance(forumID: forum, participantID: participant, role: .participant)
        return try make(Attendance.collection, attendance.id, attendance.fields, by: replica)
    }

    static func honorarium(attendance: String, municipality: String, by replica: ReplicaID) throws -> RecordState {
        let honorarium = Honorarium(attendanceID: attendance, amount: 500, payerMunicipality: municipality)
        return try make(Honorarium.collection, honorarium.id, honorarium.fields, by: replica)
    }

    /// A forum with one participant attending it, in push order.
    static func meeting(forum forumID: String = "f1", participant participantID: String = "p1",
                        municipality: String = "Södertälje", name: String = "Kim Andersson",
                        anonymous: Bool = false, by replica: ReplicaID) throws -> [RecordState] {
        [try forum(forumID, municipality: municipality, by: replica),
         try participant(participantID, municipality: municipality, name: name, by: replica, anonymous: anonymous),
         try attendance(forum: forumID, participant: participantID, by: replica)]
    }
}
