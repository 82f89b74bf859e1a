import ForumModel
import HTTPServer
import Messages

extension Pages {
    /// The age filter's choices in days; "" is any age.
    static let ageChoices = ["", "1", "7", "30"]

    /// `GET /admin/conflicts?collection=&municipality=&age=&offset=`: one page of records
    /// with conflicts or review flags, filtered by a plain GET form.
    static func conflicts(_ context: Context, _ source: any DashboardDataSource,
                          _ configuration: DashboardConfiguration) throws(DashboardError) -> HTTPResponse {
        let l = context.l
        let query = context.request.query
        let collection = query["collection"].flatMap { $0.isEmpty ? nil : $0 }
        let municipality = query["municipality"].flatMap { $0.isEmpty ? nil : $0 }
        let age = ageChoices.contains(query["age"] ?? "") ? (query["age"] ?? "") : ""
        let offset = min(max(0, Int(query["offset"] ?? "0") ?? 0), 10_000_000)
        let pageSize = max(1, configuration.conflictsPageSize)
        let olderThan = Int64(age).map { context.nowMillis - $0 * 86_400_000 }
        let page = try source.conflicts(ConflictQuery(collection: collection, municipality: municipality,
                                                      olderThanMillis: olderThan, limit: pageSize, offset: offset),
                                        language: l.language)
        let options = try source.conflictFilterOptions()

        var body = "<form method=\"get\" action=\"/admin/conflicts\" class=\"filters\" role=\"search\">"
        body += select(name: "collection", labelKey: "dashboard.filter.collection", selected: collection ?? "",
                       choices: [("", l["dashboard.filter.all"])] + options.collections.map { ($0, $0) }, l)
        body += select(name: "municipality", labelKey: "dashboard.filter.municipality", selected: municipality ?? "",
                       choices: [("", l["dashboard.filter.all"])] + options.municipalities.map { ($0, $0) }, l)
        body += select(name: "age", labelKey: "dashboard.filter.age", selected: age,
                       choices: ageChoices.map { ($0, $0.isEmpty ? l["dashboard.filter.any_age"]
                                                  : l["dashboard.filter.older_than", ["days": $0]]) }, l)
        body += "<div><button type=\"submit\">\(HTML.escape(l["dashboard.filter.apply"]))</button></div></form>"

        if page.rows.isEmpty {
            body += "<p>\(HTML.escape(l[offset == 0 ? "dashboard.conflicts.none" : "dashboard.conflicts.no_more"]))</p>"
        } else {
            body += "<p class=\"muted\">" + HTML.escape(l["dashboard.conflicts.showing",
                                                         ["from": String(offset + 1), "to": String(offset + page.rows.count)]]) + "</p>"
            body += "<table class=\"responsive\"><caption class=\"muted\">\(HTML.escape(l["dashboard.conflicts.caption"]))</caption><thead><tr>"
            for key in ["dashboard.conflicts.record", "dashboard.conflicts.collection", "dashboard.conflicts.municipality",
                        "dashboard.conflicts.what", "dashboard.conflicts.since"] {
                body += "<th scope=\"col\">\(HTML.escape(l[MessageKey(key)]))</th>"
            }
            body += "</tr></thead><tbody>"
            for row in page.rows {
                body += "<tr><th scope=\"row\"><a href=\"\(conflictPath(row.conflictID))\">\(HTML.escape(row.label))</a></th>"
                body += "<td>\(HTML.escape(row.collection))</td><td>\(HTML.escape(row.municipality ?? "–"))</td>"
                body += "<td>\(HTML.escape(describe(row, l)))</td>"
                body += "<td>\(HTML.escape(Format.age(since: row.sinceMillis, now: context.nowMillis, l)))</td></tr>"
            }
            body += "</tbody></table>"
        }
        body += pager(offset: offset, pageSize: pageSize, hasMore: page.hasMore,
                      filters: [("collection", collection ?? ""), ("municipality", municipality ?? ""), ("age", age)], l)
        return Layout.page(context, title: HTML.escape(l["dashboard.conflicts.title"]), section: .conflicts, body: body)
    }

    /// What is wrong with a record, in words: fields in conflict, then review flags.
    static func describe(_ row: ConflictListing, _ l: Localizer) -> String {
        var parts: [String] = []
        let fields = row.fields.filter { $0 != "_deleted" }
        if row.fields.contains("_deleted") { parts.append(l["dashboard.conflict.delete_vs_update"]) }
        if !fields.isEmpty { parts.append(l["dashboard.conflicts.fields", ["fields": fields.joined(separator: ", ")]]) }
        for flag in row.reviewFlags { parts.append(flagText(flag, l)) }
        return parts.joined(separator: "; ")
    }

    /// The explanation of a review flag from the domain's catalogue, or its code.
    static func flagText(_ code: String, _ l: Localizer) -> String {
        let key = MessageKey("domain.review.\(code)")
        let text = l[key]
        return text == key.rawValue ? code : text
    }

    /// `/admin/conflicts/{collection}/{id}` with both parts percent-encoded.
    static func conflictPath(_ conflictID: String) -> String {
        "/admin/conflicts/" + conflictID.split(separator: "/", maxSplits: 1).map { HTML.urlComponent($0) }.joined(separator: "/")
    }

    /// A labelled `select`.
    static func select(name: String, labelKey: MessageKey, selected: String, choices: [(String, String)],
                       _ l: Localizer) -> String {
        var html = "<div><label for=\"f-\(name)\">\(HTML.escape(l[labelKey]))</label><select id=\"f-\(name)\" name=\"\(name)\">"
        for (value, text) in choices {
            html += "<option value=\"\(HTML.escape(value))\"\(value == selected ? " selected" : "")>\(HTML.escape(text))</option>"
        }
        return html + "</select></div>"
    }

    /// Previous and next links keeping the filters.
    static func pager(offset: Int, pageSize: Int, hasMore: Bool, filters: [(String, String)], _ l: Localizer) -> String {
        func link(_ target: Int) -> String {
            let parts = filters.filter { !$0.1.isEmpty }.map { "\($0.0)=\(HTML.urlComponent($0.1))" } + ["offset=\(target)"]
            return "/admin/conflicts?" + parts.joined(separator: "&amp;")
        }
        guard offset > 0 || hasMore else { return "" }
        var html = "<nav class=\"pager\" aria-label=\"\(HTML.escape(l["dashboard.pager.label"]))\">"
        if offset > 0 { html += "<a rel=\"prev\" href=\"\(link(max(0, offset - pageSize)))\">\(HTML.escape(l["dashboard.pager.previous"]))</a>" }
        if hasMore { html += "<a rel=\"next\" href=\"\(link(offset + pageSize))\">\(HTML.escape(l["dashboard.pager.next"]))</a>" }
        return html + "</nav>"
    }
}
