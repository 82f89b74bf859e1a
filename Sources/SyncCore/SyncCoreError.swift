/// Why a record state or an operation on one was refused. Codes are stable and appear in
/// the protocol's error bodies; messages name fields and positions, never values.
public struct SyncCoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable, CaseIterable {
        case invalidJSON = "invalid_json"
        case invalidShape = "invalid_record"
        case invalidCollection = "invalid_collection"
        case invalidRecordID = "invalid_record_id"
        case invalidFieldName = "invalid_field_name"
        case reservedField = "reserved_field"
        case invalidReplicaID = "invalid_replica_id"
        case invalidDot = "invalid_dot"
        case dotNotInContext = "dot_not_in_context"
        case duplicateDot = "duplicate_dot"
        case tooManyFields = "too_many_fields"
        case tooManyEntries = "too_many_entries"
        case valueTooLarge = "value_too_large"
        case recordMismatch = "record_mismatch"
        case unknownField = "unknown_field"
    }

    /// The stable code.
    public let code: Code
    /// A description for developers: names fields, never values.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
