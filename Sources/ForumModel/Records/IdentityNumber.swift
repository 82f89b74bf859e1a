import Foundation

/// A Swedish personal identity number (personnummer) or coordination number
/// (samordningsnummer), checked by its date and its Luhn check digit.
///
/// Stored and shown in one canonical form, `YYYYMMDD-NNNN` (twelve digits and a hyphen,
/// as Skatteverket writes it for systems): the century is explicit, and the hyphen keeps
/// a spreadsheet from reading it as a number. A coordination number has 60 added to the
/// day (`19800161-…` for someone born on 1 January 1980).
///
/// Personal data: never put a value in an error, a log line or a metric. `description`
/// shows only that a number is held.
public struct IdentityNumber: Hashable, Sendable, CustomStringConvertible {
    /// The canonical form `YYYYMMDD-NNNN`.
    public let canonical: String

    /// Whether it is a coordination number (day + 60).
    public var isCoordinationNumber: Bool {
        let digits = Array(canonical.utf8)
        return digits[6] >= UInt8(ascii: "6")
    }

    public var description: String { "IdentityNumber(…)" }

    /// Reads a number as people write it: `YYMMDD-NNNN`, `YYMMDD+NNNN` (a hundred years or
    /// older), `YYMMDDNNNN`, `YYYYMMDDNNNN` or `YYYYMMDD-NNNN`; surrounding white space is
    /// ignored. A ten-digit number's century is the latest one that puts the birth date
    /// no later than `now` (in Stockholm) — a century earlier for `+`.
    /// - Returns: `nil` when it is none of those forms, the date (day − 60 for a
    ///   coordination number) does not exist or lies after `now`, or the check digit is wrong.
    public init?(parsing text: String, now: Date = Date()) {
        let trimmed = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        var digits: [UInt8]
        var separator: UInt8?
        switch trimmed.count {
        case 10, 12:
            digits = trimmed
        case 11, 13:
            separator = trimmed[trimmed.count - 5]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "+") else { return nil }
            digits = Array(trimmed[..<(trimmed.count - 5)]) + Array(trimmed[(trimmed.count - 4)...])
        default:
            return nil
        }
        guard digits.allSatisfy(isDigit) else { return nil }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        let today = Self.stockholmDay(now)
        var year: Int
        if values.count == 12 {
            guard separator != UInt8(ascii: "+") else { return nil }
            year = values[0] * 1000 + values[1] * 100 + values[2] * 10 + values[3]
        } else {
            let yy = values[0] * 10 + values[1]
            year = (today.year / 100) * 100 + yy
            let monthDay = (values[2] * 10 + values[3]) * 100 + Self.birthDay(values[4] * 10 + values[5])
            if (year, monthDay) > (today.year, today.month * 100 + today.day) { year -= 100 }
            if separator == UInt8(ascii: "+") { year -= 100 }
        }
        let short = Array(values.suffix(10))
        let month = short[2] * 10 + short[3]
        let day = Self.birthDay(short[4] * 10 + short[5])
        guard Self.isValidDate(year: year, month: month, day: day),
              (year, month * 100 + day) <= (today.year, today.month * 100 + today.day),
              Self.luhnIsValid(short) else { return nil }
        let text = String(format: "%04d", year) + short[2...5].map(String.init).joined()
            + "-" + short[6...9].map(String.init).joined()
        canonical = text
    }

    /// Whether `text` is already in the canonical form and valid (what validation of a
    /// stored value asks).
    public static func isCanonical(_ text: String, now: Date = Date()) -> Bool {
        IdentityNumber(parsing: text, now: now)?.canonical == text
    }

    /// The day of the month a number's day digits stand for: less 60 for a coordination number.
    static func birthDay(_ digits: Int) -> Int { digits > 60 ? digits - 60 : digits }

    /// The Luhn check over ten digits: the last is the check digit of the first nine.
    static func luhnIsValid(_ digits: [Int]) -> Bool {
        guard digits.count == 10 else { return false }
        var sum = 0
        for (index, digit) in digits.enumerated() {
            var value = index % 2 == 0 ? digit * 2 : digit
            if value > 9 { value -= 9 }
            sum += value
        }
        return sum % 10 == 0
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1800, (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// Today's date in Stockholm.
    static func stockholmDay(_ now: Date) -> (year: Int, month: Int, day: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? TimeZone(secondsFromGMT: 3600) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return (parts.year ?? 2000, parts.month ?? 1, parts.day ?? 1)
    }
}
