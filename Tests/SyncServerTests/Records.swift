import SyncCore

/// Builders of forum records as devices write them.
enum Records {
    static let start = HybridTimestamp(wallMillis: 1_764_000_000_000)

    static func make(_ collection: String, _ id: String, _ values: [String: JSONValue], by replica: ReplicaID,
                     base: RecordState? = nil, at time: HybridTimestamp = start) throws -> RecordState {
        var state = base ?? RecordState(collection: collection, id: id)
        try state.write(values, by: replica, at: time)
        return state
    }

    static func forum(_ id: String, municipality: String, by replica: ReplicaID, title: String = "Brukarråd") throws -> RecordState {
        try make("forum", id, ["municipality": .string(municipality), "title": .string(title),
                               "kind": "council", "start": "2026-11-24T12:00:00Z", "end": "2026-11-24T14:00:00Z",
                               "defaultHonorarium": 500, "payingMunicipality": .string(municipality), "status": "planned"],
                 by: replica)
    }

    static func participant(_ id: String, municipality: String, name: String, by replica: ReplicaID,
                            anonymous: Bool = false) throws -> RecordState {
        try make("participant", id, ["displayName": .string(name), "municipality": .string(municipality),
                                     "anonymous": .bool(anonymous), "consentGiven": true], by: replica)
    }

    static func attendance(forum: String, participant: String, by replica: ReplicaID) throws -> RecordState {
        try make("attendance", "\(forum)-\(participant)", ["forumId": .string(forum), "participantId": .string(participant),
                                                            "role": "participant", "present": true], by: replica)
    }
}
