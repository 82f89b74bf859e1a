/// A record with an open conflict or review flags, as the admin lists it.
public struct ConflictListing: Sendable, Equatable {
    /// `collection/id`, the id `show` and `resolve` take.
    public var conflictID: String
    public var collection: String
    public var id: String
    /// A label without personal data of anonymous participants (e.g. "Anonym deltagare 2").
    public var label: String
    /// Fields in conflict (`_deleted` for delete-versus-update); empty when only flagged.
    public var fields: [String]
    /// Review flag codes.
    public var reviewFlags: [String]
    /// When the conflict was first seen (ms since 1970), or the last change for flags.
    public var sinceMillis: Int64
}

/// One value of a conflicting field, as shown side by side.
public struct ConflictValue: Sendable, Equatable {
    /// The stable value id to pass to `--keep`: the entry's dot, e.g. `dev-ab12cd34:3`.
    public var valueID: String
    /// The value as JSON text (redacted for the admin audience).
    public var value: String
    /// The writing replica's id.
    public var replica: String
    /// The writing device's name and role, or `server`; `nil` for an unknown replica.
    public var writerName: String?
    public var writerRole: String?
    /// When it was written (ms since 1970, the entry's hybrid time).
    public var writtenMillis: Int64
}

/// One conflicting field with all its values.
public struct FieldConflictView: Sendable, Equatable {
    public var field: String
    public var values: [ConflictValue]
}

/// A conflict in full, for `conflicts show`.
public struct ConflictDetail: Sendable, Equatable {
    public var listing: ConflictListing
    public var fields: [FieldConflictView]
}
