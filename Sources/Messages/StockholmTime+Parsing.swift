import Foundation

extension StockholmTime {
    static func parse(_ text: String, zone: TimeZone?) throws(StockholmTimeError) -> Date {
        let bytes = Array(text.utf8.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed())
        guard bytes.count == 10 || bytes.count == 16 else { throw .invalidFormat }

        func number(_ range: Range<Int>) throws(StockholmTimeError) -> Int {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .invalidFormat }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }

        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { throw .invalidFormat }
        let date = CivilDate(year: try number(0..<4), month: try number(5..<7), day: try number(8..<10))
        var hour = 0, minute = 0
        if bytes.count == 16 {
            guard bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                  bytes[13] == UInt8(ascii: ":") else { throw .invalidFormat }
            hour = try number(11..<13)
            minute = try number(14..<16)
        }
        guard date.isValid, date.year >= 1, hour < 24, minute < 60 else { throw .outOfRange }

        let local = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60
        return Date(timeIntervalSince1970: TimeInterval(try utcSeconds(forLocal: local, zone: zone)))
    }

    /// Converts local wall-clock seconds to a UTC instant.
    ///
    /// The offsets in force a day either side are the only candidates (zones change at
    /// most once a day); a candidate is right when the instant it gives has that offset.
    /// The larger offset is tried first, so an ambiguous time resolves to its earlier
    /// instant. No candidate fitting means the time falls in a spring-forward gap.
    static func utcSeconds(forLocal local: Int, zone: TimeZone?) throws(StockholmTimeError) -> Int {
        let candidates = Set([
            secondsFromGMT(atUTC: local - 86_400, zone: zone),
            secondsFromGMT(atUTC: local + 86_400, zone: zone),
        ]).sorted(by: >)
        for offset in candidates where secondsFromGMT(atUTC: local - offset, zone: zone) == offset {
            return local - offset
        }
        throw .nonexistentTime
    }
}
