/// A record with an open conflict or review flags, as the admin CLI, the dashboard and the
/// field client list it: one line per record, with a label that names no anonymous person.
public struct ConflictListing: Sendable, Equatable {
    /// `collection/id`, the id `conflicts show` and `conflicts resolve` take.
    public var conflictID: String
    public var collection: String
    /// A label without personal data of anonymous participants (e.g. "Anonym deltagare 2").
    public var label: String
    /// The municipality the record is filed under, when known.
    public var municipality: String?
    /// Fields in conflict; `_deleted` for delete-versus-update; empty when only flagged.
    public var fields: [String]
    /// Review flag codes.
    public var reviewFlags: [String]
    /// When the conflict was first seen (ms since 1970); for flags only, the last change.
    public var sinceMillis: Int64

    public init(conflictID: String, collection: String, label: String, municipality: String?, fields: [String],
                reviewFlags: [String], sinceMillis: Int64) {
        self.conflictID = conflictID
        self.collection = collection
        self.label = label
        self.municipality = municipality
        self.fields = fields
        self.reviewFlags = reviewFlags
        self.sinceMillis = sinceMillis
    }

    /// The record's id: `conflictID` after the collection.
    public var recordID: String {
        conflictID.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? conflictID
    }
}
