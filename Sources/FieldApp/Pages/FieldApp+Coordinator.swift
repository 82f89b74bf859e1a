import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import WebPage

/// The coordinator's pages: honoraria to decide (approve, decline with a reason, mark
/// paid with a method), approve a whole forum, the payment list, and paid honoraria of a
/// period. Every change is `Honorarium`'s own fields written through `LocalReplica`, so a
/// forum not held is refused with the rules' words (`forum_not_held`).
extension FieldApp {
    /// The coordinator's part of a forum page: each honorarium with its actions.
    func honorariaSection(_ context: Context, _ forum: Forum) -> String {
        let lookup = replica.lookup
        var html = "<h2 id=\"honoraria\">\(context.h("app.honoraria.title"))</h2>"
        let rows = lookup.attendances(forumID: forum.id).compactMap { state -> (Attendance, Honorarium, String)? in
            guard let attendance = try? Attendance(state),
                  let honorarium = lookup.live(collection: Honorarium.collection, id: Honorarium.id(attendanceID: state.id))
                    .flatMap({ try? Honorarium($0) }) else { return nil }
            return (attendance, honorarium, payeeName(attendance.participantID, context))
        }.sorted { $0.2 < $1.2 }
        guard !rows.isEmpty else { return html + "<p>\(context.h("client.honorarium.none"))</p>" }
        html += "<div class=\"actions\">" + AppPages.button(context, action: "/forums/\(HTML.urlComponent(forum.id))/approve-all",
                                                            labelKey: "app.honoraria.approve_all") + "</div>"
        html += "<table class=\"responsive\"><thead><tr><th scope=\"col\">\(context.h("app.col.name"))</th>"
            + "<th scope=\"col\" class=\"num\">\(context.h("client.col.amount"))</th><th scope=\"col\">\(context.h("app.col.status"))</th>"
            + "<th scope=\"col\">\(context.h("app.col.decide"))</th></tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let (attendance, honorarium, name) = row
            let base = "/honoraria/\(HTML.urlComponent(honorarium.id))"
            var actions = ""
            if honorarium.status.nextSteps.contains(.approved) {
                actions += AppPages.button(context, action: base + "/approve", labelKey: "app.honoraria.approve")
            }
            if honorarium.status.nextSteps.contains(.declined) {
                actions += "<form method=\"post\" action=\"\(base)/decline\" class=\"filters\">" + AppPages.csrf(context)
                    + Fields.text(name: "reason", label: context.t("app.honoraria.reason"), value: nil, required: true, id: "reason-\(index)")
                    + "<div><button type=\"submit\" class=\"secondary\">\(context.h("app.honoraria.decline"))</button></div></form>"
            }
            if honorarium.status.nextSteps.contains(.paid) {
                actions += "<form method=\"post\" action=\"\(base)/pay\" class=\"filters\">" + AppPages.csrf(context)
                    + Fields.select(name: "method", label: context.t("app.honoraria.method"),
                                    choices: PaymentMethod.allCases.map { ($0.rawValue, context.l[$0.messageKey]) },
                                    selected: (honorarium.paymentMethod ?? .bankTransfer).rawValue, id: "method-\(index)")
                    + Fields.text(name: "reference", label: context.t("app.honoraria.reference"), value: nil, id: "reference-\(index)")
                    + "<div><button type=\"submit\">\(context.h("app.honoraria.pay"))</button></div></form>"
            }
            let absent = attendance.present ? "" : " <span class=\"tag\">\(context.h("app.attendance.absent"))</span>"
            html += "<tr><td>\(HTML.escape(name))\(absent)</td><td class=\"num\">\(HTML.escape(kronor(honorarium.amount)))</td>"
                + "<td>\(HTML.escape(context.l[honorarium.status.messageKey]))"
                + (honorarium.declineReason.map { "<br><span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")
                + "</td><td><div class=\"actions\">\(actions.isEmpty ? "–" : actions)</div></td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// The name a coordinator pays: the real name (payment needs it), marked when the
    /// person is anonymous elsewhere, as `forum honorarium list` does.
    private func payeeName(_ participantID: String, _ context: Context) -> String {
        let person = replica.lookup.state(collection: Participant.collection, id: participantID)
        let anonymous = person.map(Participant.isAnonymous) ?? false
        return (person?[Participant.Field.displayName]?.stringValue ?? "")
            + (anonymous ? " " + context.t("client.honorarium.anonymous_mark") : "")
    }

    /// `POST /honoraria/ID/approve|decline|pay`.
    func changeHonorarium(_ context: Context, id: String, action: String, _ form: FormData) -> HTTPResponse {
        let lookup = replica.lookup
        guard let state = lookup.live(collection: Honorarium.collection, id: id), let honorarium = try? Honorarium(state),
              let forumID = lookup.live(collection: Attendance.collection, id: honorarium.attendanceID)?[Attendance.Field.forumID]?.stringValue
        else { return AppPages.notFound(context) }
        let values: [String: JSONValue]
        switch action {
        case "approve":
            values = honorarium.approvalFields()
        case "decline":
            guard let reason = form["reason"]?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                return forumPage(context, forumID: forumID, notice: ([context.t("app.problem.required", ["field": context.t("app.honoraria.reason")])], true))
            }
            values = honorarium.declineFields(reason: reason)
        case "pay":
            let method = form["method"].flatMap(PaymentMethod.init(rawValue:)) ?? .bankTransfer
            let reference = form["reference"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            values = honorarium.paymentFields(paidDate: show(now(), style: .date), method: method, reference: reference)
        default:
            return AppPages.notFound(context)
        }
        switch attempt({ () throws(ClientError) in try replica.write(collection: Honorarium.collection, id: id, values: values) }) {
        case .failure(let problem): return forumPage(context, forumID: forumID, notice: ([problem.text], true))
        case .success(let after):
            let shown = (try? Honorarium(after)) ?? honorarium
            return forumPage(context, forumID: forumID, notice: ([context.t("app.honoraria.changed", [
                "name": payeeName(lookup.state(collection: Attendance.collection, id: honorarium.attendanceID)?[Attendance.Field.participantID]?.stringValue ?? "", context),
                "status": context.l[shown.status.messageKey]])], false))
        }
    }

    /// `POST /forums/ID/approve-all`: `LocalReplica.approveAll`, with what it skipped and why.
    func approveAll(_ context: Context, forumID: String) -> HTTPResponse {
        switch attempt({ () throws(ClientError) in try replica.approveAll(forumID: forumID) }) {
        case .failure(let problem): return forumPage(context, forumID: forumID, notice: ([problem.text], true))
        case .success(let outcome):
            var texts = [context.t("client.honorarium.approved_all", ["count": String(outcome.approved)])]
            if !outcome.skipped.isEmpty { texts.append(context.t("client.honorarium.skipped", ["count": String(outcome.skipped.count)])) }
            for item in outcome.skipped {
                let reason = item.reason.code == .absentAttendance ? context.t("client.honorarium.skip_absent") : item.reason.message(language)
                texts.append(payeeName(item.participantID, context) + ": " + reason)
            }
            return forumPage(context, forumID: forumID, notice: (texts, false))
        }
    }

    /// `GET /honoraria`: forums with honoraria waiting for a decision or a payment.
    func honorariaPage(_ context: Context, notice: String?) -> HTTPResponse {
        let lookup = replica.lookup
        var counts: [String: (proposed: Int, approved: Int)] = [:]
        for state in lookup.states(collection: Honorarium.collection) where !state.isDeleted {
            guard let honorarium = try? Honorarium(state), honorarium.status == .proposed || honorarium.status == .approved,
                  let forumID = lookup.live(collection: Attendance.collection, id: honorarium.attendanceID)?[Attendance.Field.forumID]?.stringValue
            else { continue }
            var entry = counts[forumID] ?? (0, 0)
            if honorarium.status == .proposed { entry.proposed += 1 } else { entry.approved += 1 }
            counts[forumID] = entry
        }
        let forums = counts.keys.compactMap { lookup.live(collection: Forum.collection, id: $0).flatMap { try? Forum($0) } }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        var body = notice.map { AppPages.notice($0) } ?? ""
        if forums.isEmpty {
            body += "<p>\(context.h("client.honorarium.none"))</p>"
        } else {
            body += "<table class=\"responsive\"><thead><tr><th scope=\"col\">\(context.h("app.col.start"))</th>"
                + "<th scope=\"col\">\(context.h("app.col.title"))</th><th scope=\"col\">\(context.h("app.col.status"))</th>"
                + "<th scope=\"col\" class=\"num\">\(context.h("app.honoraria.to_approve"))</th>"
                + "<th scope=\"col\" class=\"num\">\(context.h("app.honoraria.to_pay"))</th></tr></thead><tbody>"
            for forum in forums {
                let count = counts[forum.id] ?? (0, 0)
                body += "<tr><td>\(HTML.escape(show(forum.start)))</td>"
                    + "<td><a href=\"/forums/\(HTML.urlComponent(forum.id))#honoraria\">\(HTML.escape(forum.title))</a></td>"
                    + "<td>\(HTML.escape(context.l[forum.status.messageKey]))</td>"
                    + "<td class=\"num\">\(count.proposed)</td><td class=\"num\">\(count.approved)</td></tr>"
            }
            body += "</tbody></table>"
        }
        return AppPages.page(context, title: context.t("app.honoraria.page_title"), section: .honoraria, body: body)
    }

    // MARK: - Payment list and reports

    /// The period of a report form (`from`, `to` as days), defaulting to this year so far.
    private func period(_ context: Context) -> (from: String, to: String, period: ReportPeriod?) {
        let today = show(now(), style: .date)
        let from = context.request.query["from"] ?? String(today.prefix(4)) + "-01-01"
        let to = context.request.query["to"] ?? today
        guard let start = try? StockholmTime.parse(from), let end = try? StockholmTime.parse(to) else { return (from, to, nil) }
        return (from, to, ReportPeriod.days(from: start, to: end))
    }

    private func periodForm(_ context: Context, action: String, from: String, to: String, municipality: Bool, button: String) -> String {
        var html = "<form method=\"get\" action=\"\(action)\" class=\"filters\">"
        if municipality {
            let list = replica.actor.municipalities.sorted()
            html += Fields.select(name: "municipality", label: context.t("app.field.municipality"), choices: list.map { ($0, $0) },
                                  selected: context.request.query["municipality"] ?? list.first)
        }
        html += Fields.text(name: "from", label: context.t("app.report.from"), value: from, hint: context.t("app.hint.date"), required: true)
            + Fields.text(name: "to", label: context.t("app.report.to"), value: to, hint: context.t("app.hint.date"), required: true)
        return html + "<div><button type=\"submit\">\(HTML.escape(button))</button></div></form>"
    }

    /// `GET /payments`: the download form and what the list holds.
    func paymentsPage(_ context: Context) -> HTTPResponse {
        let (from, to, _) = period(context)
        var body = "<p>\(context.h("app.payments.explain"))</p>"
        body += periodForm(context, action: "/payments.csv", from: from, to: to, municipality: true, button: context.t("app.payments.download"))
        body += "<p class=\"muted\">\(context.h("app.payments.confidential"))</p>"
        return AppPages.page(context, title: context.t("app.payments.title"), section: .payments, body: body)
    }

    /// `GET /payments.csv`: `PaymentList.csv`, the very bytes `forum export payments` writes,
    /// noted for the server's audit trail as that command does.
    func paymentsDownload(_ context: Context) -> HTTPResponse {
        let (from, to, period) = period(context)
        guard let period else {
            return AppPages.message(context, status: .badRequest, titleKey: "app.payments.title", textKey: "app.problem.period")
        }
        let municipality = context.request.query["municipality"] ?? replica.actor.municipalities.sorted().first ?? ""
        switch PaymentList.make(actor: replica.actor, municipality: municipality, period: period, lookup: replica.lookup) {
        case .failure(let error):
            return AppPages.page(context, title: context.t("app.payments.title"), section: .payments, status: .forbidden,
                                 body: AppPages.notice(context.t("client.error.refused", ["reason": error.message(language)]), error: true))
        case .success(let list):
            _ = try? replica.noteExport(.paymentListExport, subject: "\(municipality) \(from)..\(to)")
            let name = "\(context.t("app.payments.file"))-\(HTML.urlComponent(municipality))-\(from)-\(to).csv"
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                                       "Content-Disposition": "attachment; filename=\"\(name)\""],
                                body: list.csv(language))
        }
    }

    /// `GET /reports/attendance`: `AttendanceReport` for the device's municipalities.
    func attendanceReportPage(_ context: Context) -> HTTPResponse {
        let (from, to, period) = period(context)
        var body = periodForm(context, action: "/reports/attendance", from: from, to: to, municipality: false, button: context.t("app.report.show"))
        if context.coordinator { body += "<p><a href=\"/reports/paid\">\(context.h("app.report.paid_title"))</a></p>" }
        guard let period else { return AppPages.page(context, title: context.t("app.report.title"), section: .reports, status: .badRequest,
                                                     body: AppPages.notice(context.t("app.problem.period"), error: true) + body) }
        let report = AttendanceReport.make(period: period, municipalities: replica.actor.municipalities, lookup: replica.lookup)
        // Noted for the server's audit trail as `forum report attendance` notes it (§13a).
        _ = try? replica.noteExport(.attendanceReportExport,
                                    subject: String((replica.actor.municipalities.sorted() + ["\(from)..\(to)"]).joined(separator: " ").prefix(200)))
        if report.rows.isEmpty {
            body += "<p>\(context.h("client.report.none"))</p>"
        } else {
            let table = report.table(language)
            body += "<table class=\"responsive\"><thead><tr>" + table.header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
                + "</tr></thead><tbody>" + table.rows.map { "<tr>" + $0.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>" }.joined()
                + "</tbody></table>"
        }
        return AppPages.page(context, title: context.t("app.report.title"), section: .reports, body: body)
    }

    /// `GET /reports/paid`: honoraria paid in a period (by payment day), for accounting.
    func paidReportPage(_ context: Context) -> HTTPResponse {
        let (from, to, _) = period(context)
        var body = periodForm(context, action: "/reports/paid", from: from, to: to, municipality: false, button: context.t("app.report.show"))
        let lookup = replica.lookup
        var total: Int64 = 0
        var rows: [[String]] = []
        for state in lookup.states(collection: Honorarium.collection) where !state.isDeleted {
            guard let honorarium = try? Honorarium(state), honorarium.status == .paid, let day = honorarium.paidDate,
                  day >= from, day <= to,
                  let attendance = lookup.state(collection: Attendance.collection, id: honorarium.attendanceID).flatMap({ try? Attendance($0) }),
                  let forum = lookup.state(collection: Forum.collection, id: attendance.forumID).flatMap({ try? Forum($0) }) else { continue }
            let amount = honorarium.paidAmount ?? honorarium.amount
            total += amount
            rows.append([day, forum.title, payeeName(attendance.participantID, context), kronor(amount),
                         honorarium.paymentMethod.map { context.l[$0.messageKey] } ?? "", honorarium.paymentReference ?? ""])
        }
        rows.sort { $0.lexicographicallyPrecedes($1) }
        if rows.isEmpty {
            body += "<p>\(context.h("app.report.no_paid"))</p>"
        } else {
            body += "<table class=\"responsive\"><thead><tr>" + ["app.report.paid_date", "app.col.forum", "app.col.name", "client.col.amount",
                                                             "app.honoraria.method", "app.honoraria.reference"]
                .map { "<th scope=\"col\">\(context.h($0))</th>" }.joined() + "</tr></thead><tbody>"
                + rows.map { "<tr>" + $0.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>" }.joined()
                + "</tbody></table><p><strong>\(context.h("app.report.total", ["amount": kronor(total)]))</strong></p>"
        }
        return AppPages.page(context, title: context.t("app.report.paid_title"), section: .reports, body: body)
    }
}
