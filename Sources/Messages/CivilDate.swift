/// A proleptic Gregorian calendar date, and the one conversion between dates and day
/// counts since 1970-01-01 in the package.
///
/// Pure integer maths after Howard Hinnant's `days_from_civil` and `civil_from_days`
/// (<https://howardhinnant.github.io/date_algorithms.html>), so it is exact for every
/// `Int` day count a date can name, thread-safe, and free of `Calendar`, `TimeZone` and
/// `DateFormatter`. Record times (`ForumModel.RecordTime`), the server's request log and
/// Stockholm time all read and write dates through it.
public struct CivilDate: Hashable, Sendable {
    /// The year; 0 is 1 BC, negative years before it.
    public var year: Int
    /// The month, 1–12 in a valid date.
    public var month: Int
    /// The day of the month, from 1 in a valid date.
    public var day: Int

    /// A date from its fields, as given; see `isValid`.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    /// - Complexity: O(1).
    public init(daysSinceEpoch days: Int) {
        // Days counted from 0000-03-01, so the leap day ends each 400-year era's year.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (negative before). For an invalid date (`isValid` false) the
    /// count runs on past the month's end, as `2026-02-30` counts as `2026-03-02`.
    /// - Complexity: O(1).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day count of the day holding the instant `seconds` after 1970-01-01T00:00:00Z:
    /// division by 86 400 rounded down, so the last second of 1969 is in day -1.
    public static func daysSinceEpoch(containingSecond seconds: Int) -> Int {
        let quotient = seconds / 86_400
        return seconds % 86_400 < 0 ? quotient - 1 : quotient
    }

    /// Whether the fields name a real date (month 1–12, day within the month).
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysInMonth(month, year: year)
    }

    /// The date as ISO 8601 `YYYY-MM-DD`, the year padded to four digits (`0999-01-01`).
    public var iso8601: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    /// Whether `year` has a 29 February (every fourth year, except centuries not divisible by 400).
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days of `month` (1–12) in `year`.
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Day of the week for a day count: 0 is Sunday (1970-01-01 was a Thursday, 4).
    static func weekday(daysSinceEpoch days: Int) -> Int {
        ((days % 7) + 7 + 4) % 7
    }

    /// The day count of the last Sunday of `month` in `year`.
    static func lastSunday(of month: Int, year: Int) -> Int {
        let last = CivilDate(year: year, month: month, day: daysInMonth(month, year: year)).daysSinceEpoch
        return last - weekday(daysSinceEpoch: last)
    }

    /// `value` in decimal, zero-padded to `width` digits, its sign in front.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padding = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + padding + digits
    }
}
