import Foundation
import Messages

/// The two date forms stored in records, read and written without locale or time-zone
/// dependence: instants as UTC `2026-11-24T12:00:00Z`, days as `2026-11-24`.
///
/// Parsing is strict (exact width, real calendar dates, years 1970–9999) so one stored
/// string always means one instant and two replicas never disagree about a value.
public enum RecordTime {
    /// Reads a UTC instant `YYYY-MM-DDTHH:MM:SSZ`, or `nil` when it is not exactly that.
    public static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
              let days = dayNumber(bytes[0..<10]),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
              let second = number(bytes[17..<19]),
              hour < 24, minute < 60, second < 60 else { return nil }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Writes `date` as a UTC instant, truncated to whole seconds.
    public static func string(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = CivilDate.daysSinceEpoch(containingSecond: total)
        let secondOfDay = total - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return CivilDate(daysSinceEpoch: days).iso8601
            + "T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60))Z"
    }

    /// Whether `text` is a valid day `YYYY-MM-DD`.
    public static func isValidDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && dayNumber(bytes[0..<10]) != nil
    }

    /// Days since 1970-01-01 for `YYYY-MM-DD`, `nil` when malformed or not a real date.
    static func dayNumber(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let b = Array(bytes)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
              year >= 1970 else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? Int64(date.daysSinceEpoch) : nil
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }
}
