import Foundation
import Messages

extension ReportPeriod {
    /// The period from the start of day `from` to the end of day `to`, both in Stockholm
    /// (the end is the start of the day after `to`); `nil` when `to` is before `from`.
    /// `forum export payments`, `forum report attendance` and the app's reports.
    public static func days(from: Date, to: Date) -> ReportPeriod? {
        // The day after `to`: 36 h later is always on the next calendar day, whatever summer time does.
        let nextDay = StockholmTime.format(to.addingTimeInterval(36 * 3600), style: .date, language: .sv)
        let end = (try? StockholmTime.parse(nextDay)) ?? to.addingTimeInterval(86_400)
        guard end > from else { return nil }
        return ReportPeriod(start: from, end: end)
    }
}
