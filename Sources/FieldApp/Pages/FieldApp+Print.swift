import ForumModel
import Foundation
import HTTPServer
import Messages
import WebPage

/// The printable attendance sheet and minutes of a forum. Anonymous attendees appear only
/// by pseudonym ("Anonym deltagare 1"), in the list and in the minutes: this is what gets
/// read aloud and filed (`Audience.minutes`, as `forum show`).
extension FieldApp {
    /// `GET /forums/ID/print`.
    func printView(_ context: Context, forumID: String) -> HTTPResponse {
        let lookup = replica.lookup
        guard let state = lookup.live(collection: Forum.collection, id: forumID), let forum = try? Forum(state) else {
            return AppPages.notFound(context)
        }
        var body = "<p class=\"noprint actions\"><a href=\"/forums/\(HTML.urlComponent(forum.id))\">\(context.h("app.back_to_forum"))</a>"
            + "<span class=\"muted\">\(context.h("app.print.hint"))</span></p>"
        switch MinutesHeader.make(forumID: forum.id, lookup: lookup, language: language) {
        case .success(let header): body += "<pre class=\"minutes\">\(HTML.escape(header.trimmingCharacters(in: .newlines)))</pre>"
        case .failure(let error): body += AppPages.notice(error.message(language), error: true)
        }
        body += "<h2>\(context.h("app.print.attendance"))</h2>"
        let rows = lookup.attendances(forumID: forum.id).compactMap { try? Attendance($0) }.map { attendance in
            (name: Redaction.displayName(participantID: attendance.participantID, forumID: forum.id, audience: .minutes,
                                         lookup: lookup, language: language), attendance: attendance)
        }.sorted { $0.name < $1.name }
        if rows.isEmpty {
            body += "<p>\(context.h("client.show.no_attendance"))</p>"
        } else {
            body += "<table><thead><tr><th scope=\"col\">\(context.h("app.col.name"))</th><th scope=\"col\">\(context.h("app.col.role"))</th>"
                + "<th scope=\"col\">\(context.h("app.col.attendance"))</th><th scope=\"col\">\(context.h("app.col.signature"))</th></tr></thead><tbody>"
            for row in rows {
                body += "<tr><td>\(HTML.escape(row.name))</td><td>\(HTML.escape(context.l[row.attendance.role.messageKey]))</td>"
                    + "<td>\(context.h(row.attendance.present ? "app.attendance.present" : "app.attendance.absent"))</td><td class=\"sign\"></td></tr>"
            }
            body += "</tbody></table>"
        }
        body += "<h2>\(context.h("app.minutes.title"))</h2>"
        let minutes = Redaction.view(of: state, for: .minutes, lookup: lookup, language: language)[Forum.Field.minutes]?.stringValue
        body += minutes.map { "<div class=\"minutes\">\(HTML.escape($0))</div>" } ?? "<p>\(context.h("client.show.no_minutes"))</p>"
        return AppPages.page(context, title: context.t("app.print.title", ["title": forum.title]), section: .forums, body: body)
    }
}
