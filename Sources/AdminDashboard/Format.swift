import Foundation
import Messages

/// Dates, times and ages as the dashboard shows them: Europe/Stockholm, both languages.
enum Format {
    /// `2026-11-24 13:00` in Stockholm time; the catalogue's "never" for `nil`.
    static func time(_ millis: Int64?, _ l: Localizer) -> String {
        guard let millis else { return l["dashboard.never"] }
        return StockholmTime.format(Date(timeIntervalSince1970: Double(millis) / 1000), style: .dateTime, language: l.language)
    }

    /// An age such as "3 dagar" / "5 hours": days from one day, hours from one hour,
    /// otherwise minutes.
    static func age(since millis: Int64?, now: Int64, _ l: Localizer) -> String {
        guard let millis else { return l["dashboard.never"] }
        let minutes = max(0, (now - millis) / 60_000)
        let (count, unit): (Int64, String) = minutes >= 1440 ? (minutes / 1440, "days")
            : minutes >= 60 ? (minutes / 60, "hours") : (minutes, "minutes")
        let key = MessageKey("dashboard.age.\(unit).\(count == 1 ? "one" : "other")")
        return l[key, ["n": String(count)]]
    }
}
