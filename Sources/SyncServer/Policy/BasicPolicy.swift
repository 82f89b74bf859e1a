import ForumModel
import Messages
import SyncCore
import SyncProtocol

/// Scope rules without the forum model's permissions: every change is allowed, and a
/// record's municipality is found as `ForumSchema` declares it. For tests of the sync machinery and
/// for tools; the server itself runs with `ForumPolicy`.
public struct BasicPolicy: SyncPolicy {
    public init() {}

    public var collections: Set<String> { ForumSchema.collectionNames }
    public var collectionsInOrder: [String] { ForumSchema.collections.map(\.name) }
    public var roles: [String] { Role.allCases.map(\.rawValue) }
    public var municipalities: Set<String>? { nil }

    public func check(actor: DeviceActor, before: RecordState?, after: RecordState, written: RecordState?,
                      storedScope: Set<String>, lookup: StoreLookup) -> RecordRefusal? {
        nil
    }

    public func validate(_ state: RecordState) -> RecordRefusal? { nil }

    /// Scope as `ForumSchema` declares it.
    public func municipality(of state: RecordState, lookup: StoreLookup) -> String? {
        ForumRules.municipality(of: state, lookup: lookup)
    }

    public func parseValue(_ text: String, collection: String, field: String) -> JSONValue? {
        (try? JSONParser().parse(text)) ?? .string(text)
    }

    public func knowsField(collection: String, field: String) -> Bool { true }

    /// As `ForumSchema` declares it, so scope tags are filed as the server files them.
    public func readers(of collection: String) -> Set<String>? {
        ForumSchema.collection(collection)?.roles.map { Set($0.map(\.rawValue)) }
    }

    public func reviewFlags(for state: RecordState, lookup: StoreLookup) -> [String] { [] }

    public func adminView(of state: RecordState, lookup: StoreLookup, language: Language) -> RecordState { state }

    public func adminLabel(of state: RecordState, lookup: StoreLookup, language: Language) -> String {
        "\(state.collection)/\(state.id)"
    }
}
