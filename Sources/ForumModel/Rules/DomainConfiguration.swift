/// Limits of the domain rules, in one place.
public struct DomainConfiguration: Hashable, Sendable {
    /// The largest honorarium accepted, in whole kronor (inclusive). Default 10 000 kr:
    /// well above the usual 500–900 kr per meeting, low enough to catch a typed extra zero.
    public var maximumHonorariumKronor: Int64
    /// The longest text accepted in free-text fields other than minutes, in characters.
    /// Default 200.
    public var maximumTextLength: Int
    /// The longest minutes text accepted, in characters. Default 100 000.
    public var maximumMinutesLength: Int
    /// The longest a forum may last, in seconds. Default 86 400 (one day): catches an end
    /// date typed in the wrong month.
    public var maximumForumDurationSeconds: Int64
    /// The municipalities records may name (NFC). Default `nil`: any NFC name, which is
    /// right for a field client, whose scope comes from its enrolment; the server sets its
    /// configured list, by default `SwedishMunicipalities.all`.
    public var municipalities: Set<String>?

    /// Creates a configuration; every parameter defaults to the documented default.
    public init(maximumHonorariumKronor: Int64 = 10_000, maximumTextLength: Int = 200,
                maximumMinutesLength: Int = 100_000, maximumForumDurationSeconds: Int64 = 86_400, municipalities: Set<String>? = nil) {
        self.municipalities = municipalities
        self.maximumHonorariumKronor = maximumHonorariumKronor
        self.maximumTextLength = maximumTextLength
        self.maximumMinutesLength = maximumMinutesLength
        self.maximumForumDurationSeconds = maximumForumDurationSeconds
    }
}
