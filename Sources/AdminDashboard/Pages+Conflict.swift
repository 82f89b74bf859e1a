import ForumModel
import HTTPServer
import Messages
import SyncCore

extension Pages {
    /// `GET /admin/conflicts/{collection}/{id}`: every field in conflict with all of its
    /// values side by side (who wrote each and when), a form per field to keep one value or
    /// write a new one, and the record's review flags with a form to correct a field.
    /// - Parameter problem: a message to show above the forms after a refused resolution.
    static func conflict(_ context: Context, _ source: any DashboardDataSource, conflictID: String,
                         problem: MessageKey?) throws(DashboardError) -> HTTPResponse {
        let l = context.l
        guard let detail = try source.conflict(conflictID, language: l.language), let session = context.session else {
            return message(context, status: .notFound, titleKey: "dashboard.error.not_found_title",
                           textKey: "dashboard.conflict.not_found", section: .conflicts)
        }
        let row = detail.listing
        let action = conflictPath(row.conflictID) + "/resolve"
        var body = "<p><a href=\"/admin/conflicts\">\(HTML.escape(l["dashboard.conflict.back"]))</a></p>"
        if let problem { body += Layout.notice(HTML.escape(l[problem]), error: true) }
        if context.request.query["done"] == "resolved" { body += Layout.notice(HTML.escape(l["dashboard.conflict.resolved"])) }
        body += "<dl class=\"facts\"><dt>\(HTML.escape(l["dashboard.conflicts.collection"]))</dt><dd>\(HTML.escape(row.collection))</dd>"
            + "<dt>\(HTML.escape(l["dashboard.conflicts.municipality"]))</dt><dd>\(HTML.escape(row.municipality ?? "–"))</dd>"
            + "<dt>\(HTML.escape(l["dashboard.conflicts.since"]))</dt><dd>\(HTML.escape(Format.time(row.sinceMillis, l)))</dd></dl>"

        if detail.fields.isEmpty && row.reviewFlags.isEmpty {
            body += "<p>\(HTML.escape(l["dashboard.conflict.nothing_open"]))</p>"
        }
        for (index, field) in detail.fields.enumerated() {
            body += fieldForm(field, index: index, action: action, conflictID: row.conflictID, session: session, context)
        }
        if !row.reviewFlags.isEmpty {
            body += "<section aria-labelledby=\"flags\"><h2 id=\"flags\">\(HTML.escape(l["dashboard.conflict.flags"]))</h2><ul>"
            for flag in row.reviewFlags { body += "<li>\(HTML.escape(flagText(flag, l)))</li>" }
            body += "</ul>" + correctionForm(detail, action: action, session: session, l) + "</section>"
        }
        if !detail.currentValues.isEmpty {
            body += "<section aria-labelledby=\"current\"><h2 id=\"current\">\(HTML.escape(l["dashboard.conflict.current"]))</h2>"
            body += "<table><thead><tr><th scope=\"col\">\(HTML.escape(l["dashboard.conflict.field"]))</th>"
                + "<th scope=\"col\">\(HTML.escape(l["dashboard.conflict.value"]))</th></tr></thead><tbody>"
            for item in detail.currentValues {
                body += "<tr><th scope=\"row\">\(HTML.escape(item.field))</th><td>\(HTML.escape(shown(item.value)))</td></tr>"
            }
            body += "</tbody></table></section>"
        }
        let status: HTTPStatus = problem == nil ? .ok : .unprocessableContent
        return Layout.page(context, title: HTML.escape(row.label), section: .conflicts, status: status, body: body)
    }

    /// One field's values side by side in a form: a radio button per value labelled by its
    /// id, and (except for a delete) a new value.
    static func fieldForm(_ field: FieldConflict, index: Int, action: String, conflictID: String,
                          session: SessionStore.Session, _ context: Context) -> String {
        let l = context.l
        let legend = field.isDelete ? l["dashboard.conflict.delete_vs_update"] : l["dashboard.conflict.field_legend", ["field": field.field]]
        var html = "<form method=\"post\" action=\"\(action)\">\(Layout.csrfField(session))"
            + "<input type=\"hidden\" name=\"field\" value=\"\(HTML.escape(field.field))\">"
            + "<fieldset><legend>\(HTML.escape(legend))</legend><div class=\"values\">"
        for (position, value) in field.values.enumerated() {
            let id = "v\(index)-\(position)"
            let labelKey: MessageKey = field.isDelete ? "dashboard.conflict.keep_delete" : "dashboard.conflict.keep"
            html += "<div class=\"value\"><label for=\"\(id)\"><input type=\"radio\" id=\"\(id)\" name=\"choice\" "
                + "value=\"\(HTML.escape(value.valueID))\" required>\(HTML.escape(l[labelKey, ["id": value.valueID]]))</label>"
            if !field.isDelete {
                html += value.value.map { "<pre>\(HTML.escape(shown($0)))</pre>" }
                    ?? "<p class=\"redacted\">\(HTML.escape(l["dashboard.conflict.hidden_value"]))</p>"
            }
            html += "<dl><dt>\(HTML.escape(l["dashboard.conflict.writer"]))</dt><dd>\(HTML.escape(value.writerName ?? l["dashboard.conflict.unknown_writer"]))</dd>"
                + "<dt>\(HTML.escape(l["dashboard.device.role"]))</dt><dd>\(HTML.escape(value.writerRole.map { roleName($0, l) } ?? "–"))</dd>"
                + "<dt>\(HTML.escape(l["dashboard.conflict.written"]))</dt><dd>\(HTML.escape(Format.time(value.writtenMillis, l)))</dd></dl></div>"
        }
        if field.isDelete {
            html += "<div class=\"value\"><label for=\"v\(index)-restore\"><input type=\"radio\" id=\"v\(index)-restore\" "
                + "name=\"choice\" value=\"restore\" required>\(HTML.escape(l["dashboard.conflict.restore"]))</label>"
                + "<p class=\"muted\">\(HTML.escape(l["dashboard.conflict.restore_detail"]))</p></div>"
        } else {
            html += "<div class=\"value\"><label for=\"v\(index)-new\"><input type=\"radio\" id=\"v\(index)-new\" name=\"choice\" "
                + "value=\"new\" required>\(HTML.escape(l["dashboard.conflict.new_value"]))</label>"
                + newValueControls(prefix: "n\(index)", type: fieldType(conflictID: conflictID, field.field), l) + "</div>"
        }
        html += "</div><button type=\"submit\">\(HTML.escape(l["dashboard.conflict.resolve"]))</button></fieldset></form>"
        return html
    }

    /// A form that writes a new value to any shown field, for records with review flags.
    static func correctionForm(_ detail: ConflictDetail, action: String, session: SessionStore.Session,
                               _ l: Localizer) -> String {
        guard !detail.currentValues.isEmpty else { return "" }
        var html = "<form method=\"post\" action=\"\(action)\">\(Layout.csrfField(session))"
            + "<input type=\"hidden\" name=\"choice\" value=\"new\">"
            + "<fieldset><legend>\(HTML.escape(l["dashboard.conflict.correct"]))</legend>"
            + "<div class=\"field\"><label for=\"c-field\">\(HTML.escape(l["dashboard.conflict.field"]))</label><select id=\"c-field\" name=\"field\">"
        for item in detail.currentValues {
            html += "<option value=\"\(HTML.escape(item.field))\">\(HTML.escape(item.field))</option>"
        }
        html += "</select></div>" + newValueControls(prefix: "c", type: nil, l)
        return html + "<button type=\"submit\">\(HTML.escape(l["dashboard.conflict.save"]))</button></fieldset></form>"
    }

    /// The declared type of a record's field (`ForumSchema`), `nil` when unknown.
    static func fieldType(conflictID: String, _ field: String) -> FieldType? {
        let collection = conflictID.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return ForumSchema.collection(collection)?.field(field)?.type
    }

    /// The new value's control, labelled, of the field's declared type: a number for an
    /// amount, a choice for booleans and closed sets, a text area otherwise. The server
    /// reads the submitted text as that type and validates it.
    static func newValueControls(prefix: String, type: FieldType?, _ l: Localizer) -> String {
        let label = "<label for=\"\(prefix)-value\">\(HTML.escape(l["dashboard.conflict.new_value_text"]))</label>"
        let control: String
        switch type {
        case .amount?:
            control = "<input type=\"number\" id=\"\(prefix)-value\" name=\"newValue\" min=\"0\" step=\"1\" inputmode=\"numeric\">"
        case .boolean?:
            control = "<select id=\"\(prefix)-value\" name=\"newValue\"><option value=\"true\">\(HTML.escape(l["dashboard.value.yes"]))</option>"
                + "<option value=\"false\">\(HTML.escape(l["dashboard.value.no"]))</option></select>"
        case .choice(let values)?:
            control = "<select id=\"\(prefix)-value\" name=\"newValue\">"
                + values.map { "<option value=\"\(HTML.escape($0))\">\(HTML.escape($0))</option>" }.joined() + "</select>"
        default:
            control = "<textarea id=\"\(prefix)-value\" name=\"newValue\" rows=\"2\"></textarea>"
        }
        return "<div class=\"field\">" + label + control + "</div>"
    }

    /// A JSON value as people read it: a string without quotes, anything else as JSON.
    static func shown(_ json: String) -> String {
        if case .string(let text)? = try? JSONParser().parse(json) { return text }
        return json
    }
}
