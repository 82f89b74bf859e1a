import ForumModel
import Messages
import SyncCore
import SyncProtocol

extension StoreLookup: RecordLookup {}

/// The forum model's rules as the server applies them: `Authorization.check` decides
/// every change, `ForumRules.municipality` gives scope, `ReviewFlags` flags honoraria,
/// and `Redaction` for the admin audience hides anonymous participants.
public struct ForumPolicy: SyncPolicy {
    /// The domain's limits.
    public let configuration: DomainConfiguration

    /// Creates the policy.
    /// - Parameter configuration: the domain's limits; by default those of
    ///   `DomainConfiguration()` with the municipalities of `SwedishMunicipalities.all`.
    public init(configuration: DomainConfiguration = ForumPolicy.defaultConfiguration) { self.configuration = configuration }

    /// The server's default domain configuration: the documented limits, and every
    /// Swedish municipality as the list records may name.
    public static let defaultConfiguration = DomainConfiguration(municipalities: Set(SwedishMunicipalities.all))

    public var collections: Set<String> { ForumRules.collections }
    public var collectionsInOrder: [String] { ForumSchema.collections.map(\.name) }
    public var roles: [String] { Role.allCases.map(\.rawValue) }
    public var municipalities: Set<String>? { configuration.municipalities }

    public func check(actor: DeviceActor, before: RecordState?, after: RecordState, written: RecordState?,
                      storedScope: Set<String>, lookup: StoreLookup) -> RecordRefusal? {
        guard let role = Role(rawValue: actor.role) else {
            return RecordRefusal(code: DomainError.Code.roleForbidden.rawValue, message: "The device's role is unknown.")
        }
        let domainActor = Actor(role: role, municipalities: Set(actor.municipalities))
        return Self.refusal(Authorization.check(actor: domainActor, before: before, after: after, written: written,
                                                storedScope: storedScope, lookup: lookup, configuration: configuration))
    }

    public func validate(_ state: RecordState) -> RecordRefusal? {
        Self.refusal(ForumRules.validate(state, configuration: configuration))
    }

    private static func refusal(_ result: Result<Void, DomainError>) -> RecordRefusal? {
        switch result {
        case .success: nil
        case .failure(let error): RecordRefusal(code: error.code.rawValue, message: error.message, parameters: error.params)
        }
    }

    public func municipality(of state: RecordState, lookup: StoreLookup) -> String? {
        ForumRules.municipality(of: state, lookup: lookup)
    }

    public func parseValue(_ text: String, collection: String, field: String) -> JSONValue? {
        ForumSchema.collection(collection)?.field(field)?.type.value(parsing: text)
    }

    public func knowsField(collection: String, field: String) -> Bool {
        ForumSchema.collection(collection)?.field(field) != nil
    }

    public func readers(of collection: String) -> Set<String>? {
        ForumSchema.collection(collection)?.roles.map { Set($0.map(\.rawValue)) }
    }

    public func reviewFlags(for state: RecordState, lookup: StoreLookup) -> [String] {
        ReviewFlags.flags(for: state, lookup: lookup).map(\.code.rawValue)
    }

    public func adminView(of state: RecordState, lookup: StoreLookup, language: Language) -> RecordState {
        Redaction.view(of: state, for: .admin, forumID: forumID(numbering: state, lookup: lookup), lookup: lookup,
                       language: language)
    }

    public func adminLabel(of state: RecordState, lookup: StoreLookup, language: Language) -> String {
        switch state.collection {
        case Participant.collection:
            let name = Redaction.displayName(participantID: state.id, forumID: forumID(numbering: state, lookup: lookup),
                                             audience: .admin, lookup: lookup, language: language)
            return "\(state.collection): \(name)"
        case Attendance.collection:
            guard let participantID = state[Attendance.Field.participantID]?.stringValue else { break }
            let name = Redaction.displayName(participantID: participantID,
                                             forumID: state[Attendance.Field.forumID]?.stringValue,
                                             audience: .admin, lookup: lookup, language: language)
            return "\(state.collection): \(name)"
        case Forum.collection:
            if let title = state[Forum.Field.title]?.stringValue { return "\(state.collection): \(title)" }
        default:
            break
        }
        return "\(state.collection): \(state.id.prefix(12))"
    }

    /// The forum whose anonymous attendees number a participant: its first attendance's forum.
    private func forumID(numbering state: RecordState, lookup: StoreLookup) -> String? {
        guard state.collection == Participant.collection else { return nil }
        return lookup.states(collection: Attendance.collection, where: Attendance.Field.participantID, equals: state.id)
            .compactMap { $0[Attendance.Field.forumID]?.stringValue }.min()
    }
}
