import Foundation

/// Dates and times as people in Sweden read and write them: Europe/Stockholm civil time,
/// ISO-like `2026-11-24 13:00` in both languages (the Swedish convention).
///
/// All arithmetic is done on integers with the zone's UTC offset, so these functions are
/// thread-safe and need no `DateFormatter`. When the system lacks zone data the EU
/// summer-time rule (`CentralEuropeanTimeRule`) stands in for it.
public enum StockholmTime {
    /// How much of a date to show.
    public enum Style: Sendable {
        /// `2026-11-24`
        case date
        /// `2026-11-24 13:00`
        case dateTime
        /// `13:00`
        case time
    }

    /// The system's Europe/Stockholm zone, or `nil` when zone data is missing.
    static let systemZone: TimeZone? = TimeZone(identifier: "Europe/Stockholm")

    /// The Europe/Stockholm time zone, for APIs that need a `TimeZone`.
    ///
    /// Without system zone data this is a fixed UTC+1 zone, wrong in summer; the
    /// functions of `StockholmTime` do not use it and stay right all year.
    public static let timeZone: TimeZone = systemZone
        ?? TimeZone(secondsFromGMT: CentralEuropeanTimeRule.standardOffset)
        ?? TimeZone(identifier: "UTC") ?? TimeZone.current

    /// Whether the system has Europe/Stockholm zone data (otherwise the built-in rule is used).
    public static var hasSystemZoneData: Bool { systemZone != nil }

    /// Earliest and latest instants handled (years 0001 and 9999, local time at the top);
    /// others are clamped,
    /// so an absurd `Date` formats as a boundary date instead of trapping.
    static let secondsRange = -62_135_596_800...253_402_300_799

    /// Formats `date` in Stockholm time.
    ///
    /// - Parameters:
    ///   - date: The instant.
    ///   - style: Date, date and time, or time only.
    ///   - language: The reader's language. Both use the Swedish ISO-like form today; the
    ///     parameter keeps call sites ready for month names.
    public static func format(_ date: Date, style: Style = .dateTime, language: Language) -> String {
        format(date, style: style, zone: systemZone)
    }

    /// Reads a Stockholm local date or time: `2026-11-24 13:00`, `2026-11-24T13:00`, or
    /// `2026-11-24` (meaning midnight). Surrounding spaces are ignored.
    ///
    /// A time that occurs twice when summer time ends is read as the first (summer time)
    /// occurrence.
    ///
    /// - Parameter text: The text to read.
    /// - Throws: `StockholmTimeError` with code `invalid_format`, `out_of_range`, or
    ///   `nonexistent_time` for a time skipped when summer time begins.
    public static func parse(_ text: String) throws(StockholmTimeError) -> Date {
        try parse(text, zone: systemZone)
    }

    /// Seconds east of UTC in Stockholm at `secondsSince1970`, from `zone` when given,
    /// otherwise from the built-in EU rule.
    static func secondsFromGMT(atUTC secondsSince1970: Int, zone: TimeZone?) -> Int {
        guard let zone else { return CentralEuropeanTimeRule.secondsFromGMT(atUTC: secondsSince1970) }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(secondsSince1970)))
    }

    static func format(_ date: Date, style: Style, zone: TimeZone?) -> String {
        let interval = date.timeIntervalSince1970
        let clamped = interval.isNaN ? 0 : min(max(interval, Double(secondsRange.lowerBound)),
                                               Double(secondsRange.upperBound))
        let utc = Int(clamped.rounded(.down))
        let local = min(utc + secondsFromGMT(atUTC: utc, zone: zone), secondsRange.upperBound)
        let days = CivilDate.daysSinceEpoch(containingSecond: local)
        let secondOfDay = local - days * 86_400
        let datePart = CivilDate(daysSinceEpoch: days).iso8601
        let timePart = "\(CivilDate.pad(secondOfDay / 3600, 2)):\(CivilDate.pad(secondOfDay % 3600 / 60, 2))"
        switch style {
        case .date: return datePart
        case .time: return timePart
        case .dateTime: return datePart + " " + timePart
        }
    }
}
