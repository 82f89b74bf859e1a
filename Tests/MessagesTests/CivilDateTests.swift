import Foundation
import Testing
@testable import Messages

/// The package's one conversion between calendar dates and day counts since 1970.
@Suite struct CivilDateTests {
    /// Dates and their day counts, checked against an independent calendar (Python's
    /// `datetime.date`, proleptic Gregorian like ours).
    static let known: [(CivilDate, Int)] = [
        (CivilDate(year: 1970, month: 1, day: 1), 0),
        (CivilDate(year: 1970, month: 1, day: 2), 1),
        (CivilDate(year: 1969, month: 12, day: 31), -1),
        (CivilDate(year: 1970, month: 3, day: 1), 59),
        (CivilDate(year: 1900, month: 3, day: 1), -25_508),
        (CivilDate(year: 1600, month: 3, day: 1), -135_080),
        (CivilDate(year: 1, month: 1, day: 1), -719_162),
        (CivilDate(year: 0, month: 3, day: 1), -719_468),
        (CivilDate(year: 2000, month: 2, day: 29), 11_016),
        (CivilDate(year: 2000, month: 3, day: 1), 11_017),
        (CivilDate(year: 2024, month: 2, day: 29), 19_782),
        (CivilDate(year: 2100, month: 2, day: 28), 47_540),
        (CivilDate(year: 2100, month: 3, day: 1), 47_541),
    ]

    @Test func convertsKnownDatesBothWays() {
        for (date, days) in Self.known {
            #expect(date.daysSinceEpoch == days, "\(date.iso8601)")
            #expect(CivilDate(daysSinceEpoch: days) == date, "\(days)")
        }
    }

    @Test func roundTripsDayCountsIncludingNegativeOnes() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        for days in -1_000...1_000 {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
            #expect(CivilDate(daysSinceEpoch: days).isValid)
        }
    }

    @Test func consecutiveDaysAreConsecutiveDates() {
        var date = CivilDate(year: 1899, month: 12, day: 31)
        for days in date.daysSinceEpoch...CivilDate(year: 2101, month: 1, day: 1).daysSinceEpoch {
            #expect(CivilDate(daysSinceEpoch: days) == date)
            date = date.day < CivilDate.daysInMonth(date.month, year: date.year)
                ? CivilDate(year: date.year, month: date.month, day: date.day + 1)
                : date.month < 12 ? CivilDate(year: date.year, month: date.month + 1, day: 1)
                : CivilDate(year: date.year + 1, month: 1, day: 1)
        }
    }

    @Test func leapYearsAreEveryFourthExceptCenturiesNotDivisibleBy400() {
        #expect(CivilDate.isLeapYear(2024) && CivilDate.isLeapYear(2000) && CivilDate.isLeapYear(1600))
        #expect(!CivilDate.isLeapYear(2023) && !CivilDate.isLeapYear(2100) && !CivilDate.isLeapYear(1900))
        #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2100, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2023, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2026, month: 4, day: 31).isValid)
        #expect(!CivilDate(year: 2026, month: 13, day: 1).isValid)
        #expect(!CivilDate(year: 2026, month: 1, day: 0).isValid)
    }

    @Test func theDayOfAnInstantRoundsDown() {
        #expect(CivilDate.daysSinceEpoch(containingSecond: 0) == 0)
        #expect(CivilDate.daysSinceEpoch(containingSecond: 86_399) == 0)
        #expect(CivilDate.daysSinceEpoch(containingSecond: 86_400) == 1)
        #expect(CivilDate.daysSinceEpoch(containingSecond: -1) == -1)
        #expect(CivilDate.daysSinceEpoch(containingSecond: -86_400) == -1)
        #expect(CivilDate.daysSinceEpoch(containingSecond: -86_401) == -2)
    }

    @Test func writesISO8601WithAFourDigitYear() {
        #expect(CivilDate(year: 2026, month: 11, day: 24).iso8601 == "2026-11-24")
        #expect(CivilDate(year: 999, month: 1, day: 5).iso8601 == "0999-01-05")
        #expect(CivilDate(daysSinceEpoch: -1).iso8601 == "1969-12-31")
    }

    @Test func findsLastSundays() {
        #expect(CivilDate(daysSinceEpoch: CivilDate.lastSunday(of: 3, year: 2026)) == CivilDate(year: 2026, month: 3, day: 29))
        #expect(CivilDate(daysSinceEpoch: CivilDate.lastSunday(of: 10, year: 2026)) == CivilDate(year: 2026, month: 10, day: 25))
        #expect(CivilDate(daysSinceEpoch: CivilDate.lastSunday(of: 3, year: 2024)) == CivilDate(year: 2024, month: 3, day: 31))
    }

    /// The day-count algorithm's constants appear in no other source file: there is one
    /// conversion, this one.
    @Test func noOtherSourceFileConvertsDaysItself() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let file as URL in walker where file.pathExtension == "swift" && file.lastPathComponent != "CivilDate.swift" {
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "_", with: "")
            for constant in ["719468", "146097", "146096", "36524"] {
                #expect(!text.contains(constant), "\(file.lastPathComponent) converts days itself (\(constant)); use CivilDate")
            }
        }
    }
}
