@testable import AdminDashboard
import Messages
import Testing

@Suite("Activity chart and days")
struct ActivityChartTests {
    @Test func drawsThreeBarsPerDayScaledToTheLargestValue() {
        let days = (1...14).map { ActivityDay(day: "2026-03-\($0 < 10 ? "0" : "")\($0)", pushes: $0, pulls: 2 * $0, conflicts: $0 % 3) }
        let html = ActivityChart.figure(days, Localizer(language: .en))
        #expect(html.components(separatedBy: "<g class=\"day\"").count - 1 == 14)
        #expect(html.components(separatedBy: "<rect class=\"pulls\"").count - 1 == 14)
        // The tallest bar (28 pulls on a 40 scale) reaches 70 % of the 208-pixel plot.
        #expect(html.contains("height=\"145.6\""))
        #expect(html.contains("<title>2026-03-14: Pulls 28</title>"))
        #expect(html.contains("<caption>Sync activity per day, 14 days</caption>"))
    }

    @Test func scaleTopsAreRoundNumbers() {
        #expect(ActivityChart.niceCeiling(0) == 4)
        #expect(ActivityChart.niceCeiling(3) == 4)
        #expect(ActivityChart.niceCeiling(28) == 40)
        #expect(ActivityChart.niceCeiling(41) == 50)
        #expect(ActivityChart.niceCeiling(1001) == 2000)
    }

    @Test func daysAreStockholmDatesAcrossSummerTime() {
        // 2026-03-29 00:30 UTC is 01:30 on the day summer time begins in Stockholm.
        let days = Pages.dayStrings(endingAt: 1_774_744_200_000, count: 3)
        #expect(days == ["2026-03-27", "2026-03-28", "2026-03-29"])
        // 23:30 UTC on 2026-10-24 is already 01:30 on the 25th in Stockholm.
        #expect(Pages.dayStrings(endingAt: 1_792_884_600_000, count: 1) == ["2026-10-25"])
    }
}
