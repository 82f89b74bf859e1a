import Messages
import SyncCore

/// Scope rules without the forum model's permissions: every change is allowed, and a
/// record's municipality is read from the `municipality` field of forums and participants,
/// followed through `forumId` and `attendanceId`. For tests of the sync machinery and
/// for tools; the server itself runs with `ForumPolicy`.
public struct BasicPolicy: SyncPolicy {
    public init() {}

    public var collections: Set<String> { ["forum", "participant", "attendance", "honorarium"] }
    public var roles: [String] { ["facilitator", "coordinator", "admin"] }

    public func check(actor: DeviceActor, before: RecordState?, after: RecordState, lookup: StoreLookup) -> PolicyRefusal? {
        nil
    }

    public func municipality(of state: RecordState, lookup: StoreLookup) -> String? {
        switch state.collection {
        case "forum", "participant":
            return state["municipality"]?.stringValue
        case "attendance":
            return state["forumId"]?.stringValue
                .flatMap { lookup.state(collection: "forum", id: $0) }?["municipality"]?.stringValue
        case "honorarium":
            return state["attendanceId"]?.stringValue
                .flatMap { lookup.state(collection: "attendance", id: $0) }
                .flatMap { municipality(of: $0, lookup: lookup) }
        default:
            return nil
        }
    }

    public func reviewFlags(for state: RecordState, lookup: StoreLookup) -> [String] { [] }

    public func adminView(of state: RecordState, lookup: StoreLookup, language: Language) -> RecordState { state }

    public func adminLabel(of state: RecordState, lookup: StoreLookup, language: Language) -> String {
        "\(state.collection)/\(state.id)"
    }
}
