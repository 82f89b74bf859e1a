import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import WebPage

/// The forum list and the forum form (create and edit).
extension FieldApp {
    /// `GET /`: upcoming forums and those of the last `recentDays`, and the device's state.
    func forumList(_ context: Context) -> HTTPResponse {
        let now = now()
        let lookup = replica.lookup
        let forums = lookup.live(collection: Forum.collection).compactMap { try? Forum($0) }
        let upcoming = forums.filter { $0.end >= now }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let recentStart = now.addingTimeInterval(-Double(configuration.recentDays) * 86_400)
        let recent = forums.filter { $0.end < now && $0.end >= recentStart }.sorted { ($0.start, $0.id) > ($1.start, $1.id) }
        var body = context.request.query["done"] == "deleted" ? AppPages.notice(context.t("app.done.deleted")) : ""
        body += statusSummary(context)
        body += "<div class=\"actions\"><a class=\"button\" href=\"/forums/new\">\(context.h("app.forum.new"))</a>"
            + AppPages.button(context, action: "/sync", labelKey: "app.sync.button", style: "secondary") + "</div>"
        body += "<h2>\(context.h("app.forums.upcoming"))</h2>" + forumTable(context, upcoming)
        body += "<h2>\(context.h("app.forums.recent", ["days": String(configuration.recentDays)]))</h2>" + forumTable(context, recent)
        return AppPages.page(context, title: context.t("app.forums.title"), section: .forums, body: body)
    }

    /// Pending changes, last sync and open conflicts, in one line each.
    func statusSummary(_ context: Context) -> String {
        let pending = (try? replica.pendingCount()) ?? 0
        let last = (try? replica.lastSuccessfulSync()) ?? nil
        let conflicts = (try? replica.store.conflictCounts().conflicts) ?? 0
        var items = [context.h("app.status.pending", ["count": String(pending)]),
                     last.map { context.h("app.status.last_sync", ["time": show(Date(timeIntervalSince1970: Double($0) / 1000))]) }
                        ?? context.h("app.status.never_synced")]
        if conflicts > 0 {
            items.append("<a href=\"/conflicts\">\(context.h("app.status.conflicts", ["count": String(conflicts)]))</a>")
        }
        return "<p class=\"muted\">" + items.joined(separator: " · ") + "</p>"
    }

    private func forumTable(_ context: Context, _ forums: [Forum]) -> String {
        guard !forums.isEmpty else { return "<p>\(context.h("app.forums.none"))</p>" }
        let lookup = replica.lookup
        var html = "<table class=\"responsive\"><thead><tr><th scope=\"col\">\(context.h("app.col.start"))</th>"
            + "<th scope=\"col\">\(context.h("app.col.title"))</th><th scope=\"col\">\(context.h("app.col.status"))</th>"
            + "<th scope=\"col\" class=\"num\">\(context.h("app.col.present"))</th></tr></thead><tbody>"
        for forum in forums {
            let present = lookup.attendances(forumID: forum.id).filter { (try? Attendance($0))?.present == true }.count
            html += "<tr><td>\(HTML.escape(show(forum.start)))</td>"
                + "<td><a href=\"/forums/\(HTML.urlComponent(forum.id))\">\(HTML.escape(forum.title))</a></td>"
                + "<td>\(HTML.escape(context.l[forum.status.messageKey]))</td><td class=\"num\">\(present)</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// `GET /forums/new`, `GET /forums/ID/edit`: the form, with `problem` and the values
    /// sent when a save was refused.
    func forumForm(_ context: Context, forumID: String?, problem: String?, form: FormData?) -> HTTPResponse {
        let existing = forumID.flatMap { replica.lookup.live(collection: Forum.collection, id: $0) }.flatMap { try? Forum($0) }
        if forumID != nil && existing == nil { return AppPages.notFound(context) }
        func value(_ field: String, _ current: String?) -> String? { form?[field] ?? current }
        let spec = ForumSchema.collection(Forum.collection)
        let example = context.t("app.hint.datetime")
        var body = problem.map { AppPages.notice($0, error: true) } ?? ""
        let action = existing.map { "/forums/\(HTML.urlComponent($0.id))/edit" } ?? "/forums"
        body += "<form method=\"post\" action=\"\(action)\">" + AppPages.csrf(context) + "<div class=\"grid2\">"
        body += Fields.control(spec, Forum.Field.title, label: context.t("app.forum.field.title"), value: value(Forum.Field.title, existing?.title))
        body += Fields.control(spec, Forum.Field.kind, label: context.t("app.forum.field.kind"),
                               value: value(Forum.Field.kind, existing?.kind.rawValue),
                               choices: ForumKind.allCases.map { ($0.rawValue, context.l[$0.messageKey]) })
        body += Fields.control(spec, Forum.Field.start, label: context.t("app.forum.field.start"),
                               value: value(Forum.Field.start, existing.map { show($0.start) }), hint: example, required: true)
        body += Fields.control(spec, Forum.Field.end, label: context.t("app.forum.field.end"),
                               value: value(Forum.Field.end, existing.map { show($0.end) }), hint: context.t("app.hint.end"), required: false)
        body += Fields.control(spec, Forum.Field.venue, label: context.t("app.forum.field.venue"), value: value(Forum.Field.venue, existing?.venue))
        body += Fields.control(spec, Forum.Field.series, label: context.t("app.forum.field.series"), value: value(Forum.Field.series, existing?.series))
        body += Fields.control(spec, Forum.Field.defaultHonorarium, label: context.t("app.forum.field.amount"),
                               value: value(Forum.Field.defaultHonorarium, existing.map { String($0.defaultHonorariumKronor) } ?? "0"),
                               hint: context.t("app.hint.amount"))
        let municipalities = replica.actor.municipalities.sorted()
        if existing == nil && municipalities.count > 1 {
            body += Fields.control(spec, Forum.Field.municipality, label: context.t("app.field.municipality"),
                                   value: value(Forum.Field.municipality, nil), choices: municipalities.map { ($0, $0) })
        }
        if let existing {
            body += Fields.control(spec, Forum.Field.status, label: context.t("app.forum.field.status"),
                                   value: value(Forum.Field.status, existing.status.rawValue),
                                   choices: ForumStatus.allCases.map { ($0.rawValue, context.l[$0.messageKey]) })
        }
        body += "</div><div class=\"actions\"><button type=\"submit\">\(context.h("app.save"))</button>"
            + "<a href=\"\(existing.map { "/forums/\(HTML.urlComponent($0.id))" } ?? "/")\">\(context.h("app.cancel"))</a></div></form>"
        let title = existing.map { context.t("app.forum.edit_title", ["title": $0.title]) } ?? context.t("app.forum.new_title")
        return AppPages.page(context, title: title, section: .forums, status: problem == nil ? .ok : .badRequest, body: body)
    }

    /// `POST /forums`, `POST /forums/ID/edit`. Only the fields that changed are written:
    /// rewriting the others would silently settle a conflict no one has looked at.
    func saveForum(_ context: Context, forumID: String?, _ form: FormData) -> HTTPResponse {
        let existingState = forumID.flatMap { replica.lookup.live(collection: Forum.collection, id: $0) }
        if forumID != nil && existingState == nil { return AppPages.notFound(context) }
        func fail(_ text: String) -> HTTPResponse { forumForm(context, forumID: forumID, problem: text, form: form) }
        func trimmed(_ name: String) -> String? {
            form[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let title = trimmed(Forum.Field.title) else { return fail(context.t("app.problem.required", ["field": context.t("app.forum.field.title")])) }
        guard let startText = trimmed(Forum.Field.start) else {
            return fail(context.t("app.problem.required", ["field": context.t("app.forum.field.start")]))
        }
        let start: Date, end: Date
        do {
            start = try StockholmTime.parse(startText)
            end = try trimmed(Forum.Field.end).map { text throws(StockholmTimeError) in try StockholmTime.parse(text) }
                ?? start.addingTimeInterval(Forum.defaultDurationSeconds)
        } catch { return fail(context.l[error.messageKey]) }
        guard let amount = Int64(trimmed(Forum.Field.defaultHonorarium) ?? "0"), amount >= 0 else {
            return fail(context.t("app.problem.amount"))
        }
        let kind = trimmed(Forum.Field.kind).flatMap(ForumKind.init(rawValue:)) ?? .deltagarforum
        let venue = trimmed(Forum.Field.venue), series = trimmed(Forum.Field.series)
        if let existingState, let existing = try? Forum(existingState) {
            var values: [String: JSONValue] = [:]
            if title != existing.title { values[Forum.Field.title] = .string(title) }
            if start != existing.start { values[Forum.Field.start] = .string(RecordTime.string(start)) }
            if end != existing.end { values[Forum.Field.end] = .string(RecordTime.string(end)) }
            if kind != existing.kind { values[Forum.Field.kind] = .string(kind.rawValue) }
            if venue != existing.venue { values[Forum.Field.venue] = venue.map(JSONValue.string) ?? .null }
            if series != existing.series { values[Forum.Field.series] = series.map(JSONValue.string) ?? .null }
            if amount != existing.defaultHonorariumKronor { values[Forum.Field.defaultHonorarium] = .integer(amount) }
            if let status = trimmed(Forum.Field.status).flatMap(ForumStatus.init(rawValue:)), status != existing.status {
                values[Forum.Field.status] = .string(status.rawValue)
            }
            if let problem = store(Forum.collection, id: existing.id, values: values) { return fail(problem) }
            return PageResponse.redirect("/forums/\(HTML.urlComponent(existing.id))?done=saved")
        }
        guard let municipality = chosenMunicipality(form[Forum.Field.municipality]) else {
            return fail(context.t("app.problem.required", ["field": context.t("app.field.municipality")]))
        }
        let forum = Forum(id: RecordID.random(), municipality: municipality, title: title, series: series, kind: kind,
                          venue: venue, start: start, end: end, defaultHonorariumKronor: amount)
        if let problem = store(Forum.collection, id: forum.id, values: forum.fields) { return fail(problem) }
        return PageResponse.redirect("/forums/\(HTML.urlComponent(forum.id))?done=created")
    }

    /// An amount in kronor as shown everywhere.
    func kronor(_ amount: Int64) -> String { KronorFormat.format(Int(clamping: amount), language: language) }

    /// A date and time as shown everywhere: Stockholm time.
    func show(_ date: Date, style: StockholmTime.Style = .dateTime) -> String {
        StockholmTime.format(date, style: style, language: language)
    }
}
