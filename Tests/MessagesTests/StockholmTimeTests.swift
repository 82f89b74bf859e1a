import Foundation
import Testing
@testable import Messages

@Suite struct StockholmTimeTests {
    static func utc(_ text: String) -> Date {
        // Test-local helper: ISO 8601 UTC, e.g. "2026-07-01T10:00:00Z".
        ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: .nan)
    }

    @Test func systemHasZoneData() {
        #expect(StockholmTime.hasSystemZoneData)
        #expect(StockholmTime.timeZone.identifier == "Europe/Stockholm")
    }

    @Test(arguments: [nil, TimeZone(identifier: "Europe/Stockholm")])
    func parsesSummerAndWinterTimes(zone: TimeZone?) throws {
        #expect(try StockholmTime.parse("2026-07-01 12:00", zone: zone) == Self.utc("2026-07-01T10:00:00Z"))
        #expect(try StockholmTime.parse("2026-11-24 13:00", zone: zone) == Self.utc("2026-11-24T12:00:00Z"))
        #expect(try StockholmTime.parse("2026-11-24T13:00", zone: zone) == Self.utc("2026-11-24T12:00:00Z"))
        #expect(try StockholmTime.parse("2026-11-24", zone: zone) == Self.utc("2026-11-23T23:00:00Z"))
        #expect(try StockholmTime.parse("  2026-11-24 13:00 ", zone: zone) == Self.utc("2026-11-24T12:00:00Z"))
    }

    @Test func ambiguousAutumnTimeIsTheFirstOccurrence() throws {
        // Summer time ends 2026-10-25 at 03:00 CEST; 02:30 happens twice.
        #expect(try StockholmTime.parse("2026-10-25 02:30") == Self.utc("2026-10-25T00:30:00Z"))
        #expect(try StockholmTime.parse("2026-10-25 02:30", zone: nil) == Self.utc("2026-10-25T00:30:00Z"))
    }

    @Test(arguments: [nil, TimeZone(identifier: "Europe/Stockholm")])
    func refusesTimeSkippedInSpring(zone: TimeZone?) {
        #expect(throws: StockholmTimeError.nonexistentTime) {
            try StockholmTime.parse("2026-03-29 02:30", zone: zone)
        }
    }

    @Test(arguments: ["", "2026-11-24 13", "2026/11/24", "2026-11-24 13:00:00", "26-11-24",
                      "2026-11-24x13:00", "2026-1a-24", "+026-11-24", "2026-11-24 1:00 ", "２０２６-11-24"])
    func refusesMalformedText(_ text: String) {
        #expect(throws: StockholmTimeError.invalidFormat) { try StockholmTime.parse(text) }
    }

    @Test(arguments: ["2026-13-01", "2026-02-29", "2026-04-31", "2026-11-24 24:00",
                      "2026-11-24 13:60", "0000-01-01", "2026-00-10"])
    func refusesOutOfRangeFields(_ text: String) {
        #expect(throws: StockholmTimeError.outOfRange) { try StockholmTime.parse(text) }
    }

    @Test func acceptsLeapDay() throws {
        #expect(try StockholmTime.parse("2028-02-29 00:00") == Self.utc("2028-02-28T23:00:00Z"))
    }

    @Test func formatsInStockholmTime() {
        let summer = Self.utc("2026-07-01T10:00:00Z")
        #expect(StockholmTime.format(summer, style: .dateTime, language: .sv) == "2026-07-01 12:00")
        #expect(StockholmTime.format(summer, style: .dateTime, language: .en) == "2026-07-01 12:00")
        #expect(StockholmTime.format(summer, style: .date, language: .sv) == "2026-07-01")
        #expect(StockholmTime.format(summer, style: .time, language: .en) == "12:00")
        // 23:30 UTC on 23 November is already the 24th in Stockholm.
        let winter = Self.utc("2026-11-23T23:30:00Z")
        #expect(StockholmTime.format(winter, style: .dateTime, language: .sv) == "2026-11-24 00:30")
    }

    @Test func formatRoundTripsWithParse() throws {
        for text in ["2026-01-01 00:00", "2026-03-29 03:00", "2026-10-25 01:59", "2026-12-31 23:59"] {
            #expect(StockholmTime.format(try StockholmTime.parse(text), language: .sv) == text)
        }
    }

    @Test func formatClampsAbsurdDates() {
        #expect(StockholmTime.format(Date(timeIntervalSince1970: 1e300), style: .date, language: .sv) == "9999-12-31")
        #expect(StockholmTime.format(Date(timeIntervalSince1970: -1e300), style: .date, language: .sv) == "0001-01-01")
        #expect(StockholmTime.format(Date(timeIntervalSince1970: .nan), style: .date, language: .sv) == "1970-01-01")
    }

    @Test func formatsBeforeTheEpoch() {
        #expect(StockholmTime.format(Self.utc("1969-12-31T22:59:00Z"), language: .sv) == "1969-12-31 23:59")
    }
}
