import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import WebPage

/// One forum: its facts, the attendance checklist, the minutes, and for coordinators its
/// honoraria.
extension FieldApp {
    /// `GET /forums/ID`, and the answer to its forms with `notice` (texts not yet escaped;
    /// `error` marks a refusal).
    func forumPage(_ context: Context, forumID: String, notice: (texts: [String], error: Bool)?,
                   minutesDraft: String? = nil, minutesWarning: String? = nil) -> HTTPResponse {
        let lookup = replica.lookup
        guard let state = lookup.live(collection: Forum.collection, id: forumID), let forum = try? Forum(state) else {
            return AppPages.notFound(context)
        }
        let path = "/forums/\(HTML.urlComponent(forum.id))"
        var body = ""
        if let done = context.request.query["done"], ["saved", "created"].contains(done) {
            body += AppPages.notice(context.t("app.done.\(done)"))
        }
        if let notice {
            body += notice.texts.map { AppPages.notice($0, error: notice.error) }.joined()
        }
        body += "<dl class=\"facts\"><dt>\(context.h("app.forum.field.start"))</dt><dd>\(HTML.escape(show(forum.start)))–"
            + "\(HTML.escape(show(forum.end, style: .time)))</dd>"
            + "<dt>\(context.h("app.forum.field.kind"))</dt><dd>\(HTML.escape(context.l[forum.kind.messageKey]))</dd>"
            + "<dt>\(context.h("app.forum.field.venue"))</dt><dd>\(HTML.escape(forum.venue ?? "–"))</dd>"
            + "<dt>\(context.h("app.field.municipality"))</dt><dd>\(HTML.escape(forum.municipality))</dd>"
            + "<dt>\(context.h("app.forum.field.status"))</dt><dd>\(HTML.escape(context.l[forum.status.messageKey]))</dd>"
            + "<dt>\(context.h("app.forum.field.amount"))</dt><dd>\(HTML.escape(kronor(forum.defaultHonorariumKronor)))</dd></dl>"
        body += "<div class=\"actions\"><a class=\"button secondary\" href=\"\(path)/edit\">\(context.h("app.forum.edit"))</a>"
            + "<a class=\"button secondary\" href=\"\(path)/print\">\(context.h("app.forum.print"))</a>"
            + "<a class=\"button secondary\" href=\"\(path)/delete\">\(context.h("app.delete"))</a>"
            + AppPages.button(context, action: "/sync", labelKey: "app.sync.button", style: "secondary")
            + "</div>"
        body += attendanceChecklist(context, forum)
        body += minutesSection(context, forum, state: state, draft: minutesDraft, warning: minutesWarning)
        if context.coordinator { body += honorariaSection(context, forum) }
        return AppPages.page(context, title: forum.title, section: .forums,
                             status: notice?.error == true ? .unprocessableContent : .ok, body: body)
    }

    // MARK: - Attendance

    /// Every participant of the forum's municipality (and anyone already recorded), each
    /// with present / absent / not recorded and a role. One save writes what changed.
    private func attendanceChecklist(_ context: Context, _ forum: Forum) -> String {
        let lookup = replica.lookup
        let recorded = Dictionary(lookup.attendances(forumID: forum.id).compactMap { try? Attendance($0) }.map { ($0.participantID, $0) },
                                  uniquingKeysWith: { first, _ in first })
        let people = lookup.live(collection: Participant.collection).compactMap { try? Participant($0) }
            .filter { !$0.erased && ($0.municipality == forum.municipality || recorded[$0.id] != nil) }
            .sorted { ($0.displayName.lowercased(), $0.id) < ($1.displayName.lowercased(), $1.id) }
        var html = "<h2 id=\"attendance\">\(context.h("app.attendance.title"))</h2>"
        guard !people.isEmpty else {
            return html + "<p>\(context.h("app.attendance.no_people")) <a href=\"/participants/new\">\(context.h("app.participant.new"))</a></p>"
        }
        html += "<form method=\"post\" action=\"/forums/\(HTML.urlComponent(forum.id))/attendance\">" + AppPages.csrf(context)
        html += "<table class=\"checklist responsive\"><thead><tr><th scope=\"col\">\(context.h("app.col.name"))</th>"
            + "<th scope=\"col\">\(context.h("app.col.attendance"))</th><th scope=\"col\">\(context.h("app.col.role"))</th>"
            + "<th scope=\"col\">\(context.h("app.col.honorarium"))</th></tr></thead><tbody>"
        for (index, person) in people.enumerated() {
            let attendance = recorded[person.id]
            let current = attendance.map { $0.present ? "present" : "absent" } ?? "none"
            let name = HTML.escape(person.displayName) + (person.anonymous ? " <span class=\"tag\">\(context.h("app.participant.anonymous_tag"))</span>" : "")
            html += "<tr><td id=\"n\(index)\">\(name)<input type=\"hidden\" name=\"pid\" value=\"\(HTML.escape(person.id))\"></td><td><fieldset>"
                + "<legend>\(context.h("app.attendance.legend", ["name": person.anonymous ? context.t("app.participant.anonymous_tag") : person.displayName]))</legend>"
            for choice in ["present", "absent", "none"] {
                let id = "a\(index)-\(choice)"
                html += "<label for=\"\(id)\"><input type=\"radio\" id=\"\(id)\" name=\"a.\(HTML.escape(person.id))\" value=\"\(choice)\""
                    + "\(choice == current ? " checked" : "")> \(context.h("app.attendance.\(choice)"))</label>"
            }
            html += "</fieldset></td><td>"
            html += "<label class=\"vh\" for=\"r\(index)\">"
                + "\(context.h("app.col.role"))</label><select id=\"r\(index)\" name=\"r.\(HTML.escape(person.id))\">"
            for role in AttendanceRole.allCases {
                let selected = role == (attendance?.role ?? .participant) ? " selected" : ""
                html += "<option value=\"\(role.rawValue)\"\(selected)>\(HTML.escape(context.l[role.messageKey]))</option>"
            }
            html += "</select></td><td>\(honorariumCell(context, attendanceID: attendance?.id))</td></tr>"
        }
        html += "</tbody></table><div class=\"actions\"><button type=\"submit\">\(context.h("app.attendance.save"))</button></div></form>"
        if forum.status == .planned {
            html += "<div class=\"actions\">" + AppPages.button(context, action: "/forums/\(HTML.urlComponent(forum.id))/held",
                                                                labelKey: "app.forum.mark_held", style: "secondary")
                + "<span class=\"muted\">\(context.h("app.forum.mark_held_hint"))</span></div>"
        }
        return html
    }

    private func honorariumCell(_ context: Context, attendanceID: String?) -> String {
        guard let attendanceID, let honorarium = replica.lookup.live(collection: Honorarium.collection, id: Honorarium.id(attendanceID: attendanceID))
            .flatMap({ try? Honorarium($0) }) else { return "–" }
        var text = HTML.escape(kronor(honorarium.amount)) + " · " + HTML.escape(context.l[honorarium.status.messageKey])
        if let obstacle = HonorariumApproval.obstacle(to: .approved, attendanceID: attendanceID, lookup: replica.lookup),
           obstacle.code == .absentAttendance, honorarium.status != .declined, honorarium.status != .waived {
            text += "<br><span class=\"muted\">\(context.h("app.attendance.flagged_absent"))</span>"
        }
        return text
    }

    /// `POST /forums/ID/attendance`: writes the rows that changed, through the CLI's
    /// operations (`attend`, `markAbsent`), and says what became of honoraria.
    func saveAttendance(_ context: Context, forumID: String, _ form: FormData) -> HTTPResponse {
        let lookup = replica.lookup
        guard let forum = lookup.live(collection: Forum.collection, id: forumID).flatMap({ try? Forum($0) }) else {
            return AppPages.notFound(context)
        }
        var notes: [String] = [], problems: [String] = [], changed = 0
        for participantID in form.values("pid") {
            guard lookup.live(collection: Participant.collection, id: participantID) != nil else { continue }
            let current = lookup.live(collection: Attendance.collection, id: Attendance.id(forumID: forum.id, participantID: participantID))
                .flatMap { try? Attendance($0) }
            let role = form["r.\(participantID)"].flatMap(AttendanceRole.init(rawValue:)) ?? .participant
            switch form["a.\(participantID)"] {
            case "present" where current?.present != true || current?.role != role:
                switch attempt({ () throws(ClientError) in try replica.attend(forum: forum, participantID: participantID, role: role) }) {
                case .success(let outcome):
                    changed += 1
                    for note in outcome.notes {
                        switch note {
                        case .staysDeclined: notes.append(context.t("client.attend.stays_declined"))
                        case .staysWaived: notes.append(context.t("client.attend.stays_waived"))
                        case .proposedAgain(let amount): notes.append(context.t("client.attend.honorarium_again", ["amount": kronor(amount)]))
                        }
                    }
                case .failure(let problem): problems.append(problem.text)
                }
            case "absent" where current?.present != false:
                switch attempt({ () throws(ClientError) in try replica.markAbsent(forumID: forum.id, participantID: participantID) }) {
                case .success(let honorarium):
                    changed += 1
                    if let honorarium {
                        switch honorarium.status {
                        case .proposed: notes.append(context.t("client.absent.proposed_flagged", ["amount": kronor(honorarium.amount)]))
                        case .approved, .paid: notes.append(context.t("client.absent.approved_flagged"))
                        case .declined, .waived: break
                        }
                    }
                case .failure(let problem): problems.append(problem.text)
                }
            default:
                continue
            }
        }
        if !problems.isEmpty { return forumPage(context, forumID: forum.id, notice: (problems + notes, true)) }
        return forumPage(context, forumID: forum.id, notice: ([context.t("app.attendance.saved", ["count": String(changed)])] + notes, false))
    }

    /// `POST /forums/ID/held`: the forum took place (as `forum forum edit --status held`);
    /// only then can its honoraria be approved.
    func markHeld(_ context: Context, forumID: String) -> HTTPResponse {
        guard replica.lookup.live(collection: Forum.collection, id: forumID) != nil else { return AppPages.notFound(context) }
        if case .failure(let problem) = attempt({ () throws(ClientError) in
            try replica.write(collection: Forum.collection, id: forumID, values: [Forum.Field.status: .string(ForumStatus.held.rawValue)])
        }) { return forumPage(context, forumID: forumID, notice: ([problem.text], true)) }
        return PageResponse.redirect("/forums/\(HTML.urlComponent(forumID))?done=saved")
    }

    // MARK: - Minutes

    private func minutesSection(_ context: Context, _ forum: Forum, state: RecordState, draft: String?, warning: String?) -> String {
        let filed = Redaction.view(of: state, for: .minutes, lookup: replica.lookup, language: language)[Forum.Field.minutes]?.stringValue
        var html = "<h2 id=\"minutes\">\(context.h("app.minutes.title"))</h2>"
        html += "<h3>\(context.h("app.minutes.filed"))</h3>"
        html += filed.map { "<div class=\"minutes\" id=\"minutes-filed\">\(HTML.escape($0))</div>" } ?? "<p>\(context.h("client.show.no_minutes"))</p>"
        if let warning { html += AppPages.notice(warning, error: true) }
        html += "<form method=\"post\" action=\"/forums/\(HTML.urlComponent(forum.id))/minutes\">" + AppPages.csrf(context)
        html += Fields.control(ForumSchema.collection(Forum.collection), Forum.Field.minutes, label: context.t("app.minutes.write"),
                               value: draft ?? forum.minutes, hint: context.t("app.minutes.hint"))
        if warning != nil { html += Fields.checkbox(name: "confirm", label: context.t("app.minutes.confirm"), checked: false) }
        html += "<div class=\"actions\"><button type=\"submit\">\(context.h("app.minutes.save"))</button></div></form>"
        return html
    }

    /// `POST /forums/ID/minutes`: anonymous attendees named in the text are warned about,
    /// and the text is saved only when the facilitator confirms (as `forum forum edit --yes`).
    func saveMinutes(_ context: Context, forumID: String, _ form: FormData) -> HTTPResponse {
        guard replica.lookup.live(collection: Forum.collection, id: forumID) != nil else { return AppPages.notFound(context) }
        let text = (form[Forum.Field.minutes] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let named = AnonymousNames.mentioned(in: text, forumID: forumID, lookup: replica.lookup)
        if !named.isEmpty, form["confirm"] != "yes" {
            return forumPage(context, forumID: forumID, notice: nil, minutesDraft: text,
                             minutesWarning: context.t("app.minutes.names_anonymous", ["count": String(named.count)]))
        }
        if case .failure(let problem) = attempt({ () throws(ClientError) in
            try replica.write(collection: Forum.collection, id: forumID, values: [Forum.Field.minutes: text.isEmpty ? .null : .string(text)])
        }) { return forumPage(context, forumID: forumID, notice: ([problem.text], true), minutesDraft: text) }
        return forumPage(context, forumID: forumID, notice: ([context.t("app.minutes.saved")], false))
    }
}
