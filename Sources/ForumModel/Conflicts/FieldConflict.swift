import SyncCore

/// A field in conflict.
public struct FieldConflict: Sendable, Equatable {
    /// The field name; `_deleted` for a delete-versus-update conflict.
    public var field: String
    /// Every value, side by side.
    public var values: [ConflictOption]

    public init(field: String, values: [ConflictOption]) {
        self.field = field
        self.values = values
    }

    /// Whether this is a delete-versus-update conflict.
    public var isDelete: Bool { field == RecordState.deletedField }

    /// The field a conflict is about; `_deleted` for delete-versus-update.
    public static func fieldName(of conflict: RecordConflict) -> String {
        switch conflict {
        case .field(let name, _): name
        case .deleteVersusUpdate: RecordState.deletedField
        }
    }
}

/// One value of a conflicting field.
public struct ConflictOption: Sendable, Equatable {
    /// The stable value id: the writing replica and its counter, e.g. `dev-ab12cd34:3`.
    public var valueID: String
    /// The value as JSON text, already redacted; `nil` when hidden from the viewer
    /// entirely (the value can still be chosen by its id).
    public var value: String?
    /// The writing device's name, `nil` for an unknown replica.
    public var writerName: String?
    /// The writing device's role (`server` for the server).
    public var writerRole: String?
    /// When it was written (ms since 1970, the entry's hybrid time).
    public var writtenMillis: Int64

    public init(valueID: String, value: String?, writerName: String?, writerRole: String?, writtenMillis: Int64) {
        self.valueID = valueID
        self.value = value
        self.writerName = writerName
        self.writerRole = writerRole
        self.writtenMillis = writtenMillis
    }

    /// The writing replica's id: `valueID` before its last `:`.
    public var replica: String {
        valueID.lastIndex(of: ":").map { String(valueID[..<$0]) } ?? valueID
    }
}
