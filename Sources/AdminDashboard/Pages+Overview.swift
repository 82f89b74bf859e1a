import Foundation
import ForumModel
import HTTPServer
import Messages

extension Pages {
    /// `GET /admin`: open conflicts and review flags with the oldest's age, stale devices,
    /// and the sync activity of the last days as a chart and a table.
    static func overview(_ context: Context, _ source: any DashboardDataSource,
                         _ configuration: DashboardConfiguration) throws(DashboardError) -> HTTPResponse {
        let l = context.l
        let now = context.nowMillis
        let staleBefore = now - Int64(configuration.staleDeviceDays) * 86_400_000
        let overview = try source.overview(staleBeforeMillis: staleBefore)
        let days = dayStrings(endingAt: now, count: configuration.activityDays)
        let reported = try source.activity(days: days)
        let byDay = Dictionary(reported.map { ($0.day, $0) }, uniquingKeysWith: { first, _ in first })
        let activity = days.map { byDay[$0] ?? ActivityDay(day: $0) }

        var body = "<section aria-labelledby=\"summary\"><h2 id=\"summary\">\(HTML.escape(l["dashboard.overview.summary"]))</h2>"
        body += "<ul class=\"cards\">"
        body += card(count: overview.openConflicts, labelKey: "dashboard.overview.conflicts",
                     oldest: overview.oldestConflictMillis, now: now, link: "/admin/conflicts", l)
        body += card(count: overview.reviewFlags, labelKey: "dashboard.overview.review_flags",
                     oldest: overview.oldestReviewFlagMillis, now: now, link: "/admin/conflicts", l)
        body += card(count: overview.staleDevices.count, labelKey: "dashboard.overview.stale_devices",
                     oldest: nil, now: now, link: "/admin/devices", l,
                     detail: l["dashboard.overview.stale_detail", ["days": String(configuration.staleDeviceDays),
                                                                   "active": String(overview.activeDevices)]])
        body += "</ul></section>"

        if !overview.staleDevices.isEmpty {
            body += "<section aria-labelledby=\"stale\"><h2 id=\"stale\">"
                + HTML.escape(l["dashboard.overview.stale_heading", ["days": String(configuration.staleDeviceDays)]]) + "</h2>"
            body += "<table class=\"responsive\"><thead><tr>"
            for key in ["dashboard.device.name", "dashboard.device.role", "dashboard.device.last_sync", "dashboard.device.unsynced"] {
                body += "<th scope=\"col\">\(HTML.escape(l[MessageKey(key)]))</th>"
            }
            body += "</tr></thead><tbody>"
            for device in overview.staleDevices {
                body += "<tr><th scope=\"row\">\(HTML.escape(device.name))</th><td>\(HTML.escape(roleName(device.role, l)))</td>"
                    + "<td>\(HTML.escape(Format.time(device.lastSyncMillis, l)))</td>"
                    + "<td>\(HTML.escape(Format.age(since: device.lastSyncMillis, now: now, l)))</td></tr>"
            }
            body += "</tbody></table></section>"
        }

        body += "<section aria-labelledby=\"activity\"><h2 id=\"activity\">"
            + HTML.escape(l["dashboard.overview.activity", ["days": String(days.count)]]) + "</h2>"
        body += ActivityChart.figure(activity, l) + "</section>"
        return Layout.page(context, title: HTML.escape(l["dashboard.overview.title"]), section: .overview, body: body)
    }

    static func card(count: Int, labelKey: MessageKey, oldest: Int64?, now: Int64, link: String, _ l: Localizer,
                     detail: String? = nil) -> String {
        var html = "<li class=\"card\(count > 0 ? " alert" : "")\"><a href=\"\(link)\"><span class=\"big\">\(count)</span>"
            + "\(HTML.escape(l[labelKey]))</a>"
        if let oldest, count > 0 {
            html += "<br><span class=\"muted\">\(HTML.escape(l["dashboard.overview.oldest", ["age": Format.age(since: oldest, now: now, l)]]))</span>"
        }
        if let detail { html += "<br><span class=\"muted\">\(HTML.escape(detail))</span>" }
        return html + "</li>"
    }

    /// The role's name in the catalogue (the domain's one name of each role; the server,
    /// which is no role, has its own), or the code itself when unknown.
    static func roleName(_ role: String, _ l: Localizer) -> String {
        if let known = Role(rawValue: role) { return l[known.messageKey] }
        let key = MessageKey("dashboard.role.\(role)")
        let text = l[key]
        return text == key.rawValue ? role : text
    }

    /// The last `count` Stockholm days ending today, oldest first, as `YYYY-MM-DD`.
    static func dayStrings(endingAt millis: Int64, count: Int) -> [String] {
        let today = StockholmTime.format(Date(timeIntervalSince1970: Double(millis) / 1000), style: .date, language: .sv)
        let parts = today.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return [today] }
        let day = CivilDate(year: parts[0], month: parts[1], day: parts[2]).daysSinceEpoch
        return (0..<max(1, count)).reversed().map { CivilDate(daysSinceEpoch: day - $0).iso8601 }
    }
}
