import Testing
@testable import Messages

@Suite struct CivilDateTests {
    @Test func convertsKnownDays() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(CivilDate(daysSinceEpoch: -1) == CivilDate(year: 1969, month: 12, day: 31))
    }

    @Test func roundTripsDayCounts() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }

    @Test func findsLastSundays() {
        #expect(CivilDate(daysSinceEpoch: CivilDate.lastSunday(of: 3, year: 2026)) == CivilDate(year: 2026, month: 3, day: 29))
        #expect(CivilDate(daysSinceEpoch: CivilDate.lastSunday(of: 10, year: 2026)) == CivilDate(year: 2026, month: 10, day: 25))
        #expect(CivilDate(daysSinceEpoch: CivilDate.lastSunday(of: 3, year: 2024)) == CivilDate(year: 2024, month: 3, day: 31))
    }
}
