import Messages
import SyncCore
import SyncProtocol

/// Who makes a change through a device: its role and the municipalities it works in.
public struct DeviceActor: Sendable, Equatable {
    /// `facilitator`, `coordinator` or `admin`.
    public var role: String
    /// The municipalities the device was enrolled for.
    public var municipalities: [String]

    /// Creates an actor.
    public init(role: String, municipalities: [String]) {
        self.role = role
        self.municipalities = municipalities
    }
}

/// The domain rules the server applies to pushed records, kept behind a protocol so the
/// sync machinery does not depend on the forum model's details (and tests can swap it).
public protocol SyncPolicy: Sendable {
    /// The collections the server accepts; others get 422 `unknown_collection`.
    var collections: Set<String> { get }
    /// The collections in the order a push is applied: those others refer to first (a
    /// forum before its attendance). Collections not named come after, in their order.
    var collectionsInOrder: [String] { get }
    /// The roles a device may be enrolled with.
    var roles: [String] { get }
    /// The municipalities devices and records may name, `nil` for any.
    var municipalities: Set<String>? { get }
    /// Decides whether `actor` may turn `before` (the server's state) into `after` (the merge).
    /// - Parameters:
    ///   - written: the state as the writer holds it (the pushed state), `nil` for `after`.
    ///   - storedScope: the municipalities the record is filed under (a tombstone's scope).
    /// - Returns: `nil` when allowed, else the reason.
    func check(actor: DeviceActor, before: RecordState?, after: RecordState, written: RecordState?,
               storedScope: Set<String>, lookup: StoreLookup) -> RecordRefusal?
    /// Whether `state` is a valid record on its own (schema, types, limits), for writes
    /// made on no device's behalf (imports). - Returns: `nil` when valid, else the reason.
    func validate(_ state: RecordState) -> RecordRefusal?
    /// The municipality a record belongs to (following references), `nil` when unknown.
    func municipality(of state: RecordState, lookup: StoreLookup) -> String?
    /// The value `text` stands for in a field, read as the field's declared type; `nil`
    /// when the collection has no such field or the text is not of its type.
    func parseValue(_ text: String, collection: String, field: String) -> JSONValue?
    /// Whether the collection declares the field.
    func knowsField(collection: String, field: String) -> Bool
    /// Review flag codes of a record after a change.
    func reviewFlags(for state: RecordState, lookup: StoreLookup) -> [String]
    /// The state as the admin may see it (anonymous participants pseudonymised).
    func adminView(of state: RecordState, lookup: StoreLookup, language: Language) -> RecordState
    /// A short label of the record for admin listings, without personal data of anonymous people.
    func adminLabel(of state: RecordState, lookup: StoreLookup, language: Language) -> String
    /// The roles whose devices may read the collection, `nil` for every role. Records of a
    /// collection with readers are filed under role tags (PROTOCOL.md §14) that only
    /// devices of those roles pull.
    func readers(of collection: String) -> Set<String>?
}

extension SyncPolicy {
    /// Every role reads every collection, unless a policy says otherwise.
    public func readers(of collection: String) -> Set<String>? { nil }
}
