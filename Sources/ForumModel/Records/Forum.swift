import Foundation
import SyncCore

/// One meeting: a deltagarforum, workshop, brukarråd or group meeting.
public struct Forum: Hashable, Sendable {
    /// The collection name.
    public static let collection = "forum"

    /// Field names in the record.
    public enum Field {
        public static let municipality = "municipality"
        public static let title = "title"
        public static let series = "series"
        public static let kind = "kind"
        public static let venue = "venue"
        public static let start = "start"
        public static let end = "end"
        public static let defaultHonorarium = "defaultHonorarium"
        public static let payingMunicipality = "payingMunicipality"
        public static let status = "status"
        public static let minutes = "minutes"
    }

    /// The record id (random).
    public var id: String
    /// The municipality the forum belongs to; decides who may edit it.
    public var municipality: String
    /// The meeting's title, e.g. "Deltagarforum 3".
    public var title: String
    /// The series the meeting belongs to, e.g. "Deltagarforum Södertälje".
    public var series: String?
    /// The kind of meeting.
    public var kind: ForumKind
    /// Where it is held.
    public var venue: String?
    /// When it starts (stored as UTC, shown in Europe/Stockholm).
    public var start: Date
    /// When it ends; after `start`.
    public var end: Date
    /// The honorarium offered per participant, whole kronor.
    public var defaultHonorariumKronor: Int64
    /// The municipality that pays honoraria; defaults to `municipality`.
    public var payingMunicipality: String
    /// Planned, held or cancelled.
    public var status: ForumStatus
    /// The minutes. Anonymous participants must not be named here; redaction also
    /// replaces their display names should they appear.
    public var minutes: String?

    /// Creates a forum.
    public init(id: String, municipality: String, title: String, series: String? = nil, kind: ForumKind,
                venue: String? = nil, start: Date, end: Date, defaultHonorariumKronor: Int64,
                payingMunicipality: String? = nil, status: ForumStatus = .planned, minutes: String? = nil) {
        self.id = id
        self.municipality = municipality
        self.title = title
        self.series = series
        self.kind = kind
        self.venue = venue
        self.start = start
        self.end = end
        self.defaultHonorariumKronor = defaultHonorariumKronor
        self.payingMunicipality = payingMunicipality ?? municipality
        self.status = status
        self.minutes = minutes
    }

    /// Reads and validates a forum record's visible values.
    /// - Throws: `DomainError` for the first problem `ForumSchema` finds.
    public init(_ state: RecordState, configuration: DomainConfiguration = DomainConfiguration()) throws(DomainError) {
        let reader = FieldReader(state: state, configuration: configuration)
        try reader.expectCollection(Self.collection)
        try ForumSchema.forum.validate(state, configuration: configuration)
        id = state.id
        municipality = try reader.string(Field.municipality)
        title = try reader.string(Field.title)
        series = try reader.optionalString(Field.series)
        kind = try reader.enumValue(Field.kind, as: ForumKind.self)
        venue = try reader.optionalString(Field.venue)
        start = try reader.instant(Field.start)
        end = try reader.instant(Field.end)
        defaultHonorariumKronor = try reader.amount(Field.defaultHonorarium)
        payingMunicipality = try reader.optionalString(Field.payingMunicipality) ?? municipality
        status = try reader.enumValue(Field.status, as: ForumStatus.self)
        minutes = try reader.optionalString(Field.minutes, maximumLength: configuration.maximumMinutesLength)
    }

    /// The values to write for this forum (unset optionals write `null`, clearing the field).
    public var fields: [String: JSONValue] {
        [
            Field.municipality: .string(municipality), Field.title: .string(title), Field.series: series.json,
            Field.kind: .string(kind.rawValue), Field.venue: venue.json,
            Field.start: .string(RecordTime.string(start)), Field.end: .string(RecordTime.string(end)),
            Field.defaultHonorarium: .integer(defaultHonorariumKronor),
            Field.payingMunicipality: .string(payingMunicipality), Field.status: .string(status.rawValue),
            Field.minutes: minutes.json,
        ]
    }
}
