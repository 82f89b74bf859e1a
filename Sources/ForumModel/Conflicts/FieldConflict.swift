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

/// One value of a conflicting field: which write it is, who wrote it, and the value as the
/// viewer may see it (never the stored value itself, so a rendering cannot leak it).
public struct ConflictOption: Sendable, Equatable {
    /// The write's dot: the writing replica and its counter.
    public var dot: Dot
    /// When it was written (the entry's hybrid time).
    public var time: HybridTimestamp
    /// The value as the viewer may see it, already redacted; `nil` when hidden from the
    /// viewer entirely (the value can still be chosen by its id).
    public var shownValue: JSONValue?
    /// The writing device's name, `nil` for an unknown replica.
    public var writerName: String?
    /// The writing device's role, `server` for the server (``ConflictWriter/server``),
    /// `this_device` for the viewer's own device (``ConflictWriter/thisDevice``).
    public var writerRole: String?

    public init(dot: Dot, time: HybridTimestamp, shownValue: JSONValue?, writerName: String?, writerRole: String?) {
        self.dot = dot
        self.time = time
        self.shownValue = shownValue
        self.writerName = writerName
        self.writerRole = writerRole
    }

    /// The stable value id to choose it by: the dot, e.g. `dev-ab12cd34:3`.
    public var valueID: String { dot.description }

    /// The shown value as JSON text; `nil` when hidden.
    public var value: String? { shownValue.map { JSONWriter.string($0) } }

    /// When it was written, ms since 1970.
    public var writtenMillis: Int64 { time.wallMillis }

    /// The writing replica's id.
    public var replica: String { dot.replica.rawValue }
}
