import Foundation
import Testing
@testable import Messages

@Suite struct CentralEuropeanTimeRuleTests {
    @Test func switchesAtOneUTCOnTheLastSundays() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let springChange = CivilDate(year: 2026, month: 3, day: 29).daysSinceEpoch * 86_400 + 3600
        let autumnChange = CivilDate(year: 2026, month: 10, day: 25).daysSinceEpoch * 86_400 + 3600
        #expect(CentralEuropeanTimeRule.secondsFromGMT(atUTC: springChange - 1) == 3600)
        #expect(CentralEuropeanTimeRule.secondsFromGMT(atUTC: springChange) == 7200)
        #expect(CentralEuropeanTimeRule.secondsFromGMT(atUTC: autumnChange - 1) == 7200)
        #expect(CentralEuropeanTimeRule.secondsFromGMT(atUTC: autumnChange) == 3600)
    }

    @Test func agreesWithSystemZoneDataFrom1996To2040() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Stockholm"))
        var disagreements: [Int] = []
        // Every 3 hours over 45 years, plus the minutes around each change.
        let start = CivilDate(year: 1996, month: 1, day: 1).daysSinceEpoch * 86_400
        let end = CivilDate(year: 2041, month: 1, day: 1).daysSinceEpoch * 86_400
        var instants = Array(stride(from: start, to: end, by: 3 * 3600))
        for year in 1996...2040 {
            for month in [3, 10] {
                let change = CivilDate.lastSunday(of: month, year: year) * 86_400 + 3600
                instants += [change - 60, change - 1, change, change + 60]
            }
        }
        for instant in instants {
            let system = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
            if system != CentralEuropeanTimeRule.secondsFromGMT(atUTC: instant) {
                disagreements.append(instant)
            }
        }
        #expect(disagreements.isEmpty)
    }
}
