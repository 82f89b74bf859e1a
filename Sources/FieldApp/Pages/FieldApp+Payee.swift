import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import WebPage

/// A participant's payee details (personnummer or samordningsnummer, and a bank account or
/// the municipality's payroll), for coordinators only.
///
/// The participant's page shows them masked (the birth date without the last four digits,
/// the account number's last four); the form at `/participants/ID/payee` shows them whole,
/// to the coordinator who edits them. What is typed is checked by `PayeeEntry` and stored
/// by `LocalReplica.setPayee`, as `forum payee set` does, so a refusal gives the CLI's
/// reason. A facilitator (who never holds payee details) gets 403 on both routes, and the
/// section is never on their pages. The number is never put in a log, a URL or an error.
extension FieldApp {
    /// The section on the participant's page (coordinators only).
    func payeeSection(_ context: Context, participantID: String) -> String {
        var html = "<section aria-labelledby=\"payee\"><h2 id=\"payee\">\(context.h("app.payee.title"))</h2>"
        let edit = "/participants/\(HTML.urlComponent(participantID))/payee"
        switch attempt({ () throws(ClientError) in try replica.payee(participantID: participantID) }) {
        case .failure(let problem):
            html += AppPages.notice(problem.text, error: true)
        case .success(nil):
            html += "<p>\(context.h("app.payee.none"))</p>"
                + "<div class=\"actions\"><a class=\"button\" href=\"\(edit)\">\(context.h("app.payee.add"))</a></div>"
        case .success(let payee?):
            html += "<dl class=\"payee\">" + Self.payeeRows(payee, context).map { "<dt>\(HTML.escape($0))</dt><dd>\(HTML.escape($1))</dd>" }.joined()
                + "</dl><p class=\"muted\">\(context.h("app.payee.masked"))</p>"
                + "<div class=\"actions\"><a class=\"button secondary\" href=\"\(edit)\">\(context.h("app.payee.edit"))</a></div>"
        }
        return html + "<p class=\"muted\">\(context.h("app.payee.private"))</p></section>"
    }

    /// The masked rows of the participant's page.
    static func payeeRows(_ payee: Payee, _ context: Context) -> [(String, String)] {
        var rows = [(context.t("client.payee.identity_number"), String(payee.identityNumber.canonical.prefix(9)) + "****")]
        switch payee.payout {
        case .bank(let clearing, let account):
            rows.append((context.t("client.payee.payout"), context.t("client.payee.bank")))
            rows.append((context.t("client.payee.clearing"), clearing))
            rows.append((context.t("client.payee.account"), "…" + account.suffix(4)))
        case .payroll:
            rows.append((context.t("client.payee.payout"), context.t("client.payee.payroll")))
        }
        return rows
    }

    /// `GET /participants/ID/payee`: the form, with `problem` and the values sent when a
    /// save was refused. 403 for a role that does not hold payee details.
    func payeeForm(_ context: Context, participantID: String, problem: PayeeEntry.Problem?, form: FormData?) -> HTTPResponse {
        if let refusal = payeeRefusal(context) { return refusal }
        guard let participant = replica.lookup.live(collection: Participant.collection, id: participantID).flatMap({ try? Participant($0) }) else {
            return AppPages.notFound(context)
        }
        let stored: Payee?
        switch attempt({ () throws(ClientError) in try replica.payee(participantID: participantID) }) {
        case .success(let payee): stored = payee
        case .failure(let failure):
            return AppPages.page(context, title: context.t("app.payee.title"), section: .participants, status: .unprocessableContent,
                                 body: AppPages.notice(failure.text, error: true))
        }
        var storedClearing: String?, storedAccount: String?
        if case .bank(let clearing, let account)? = stored?.payout { (storedClearing, storedAccount) = (clearing, account) }
        let payout = form?["payout"] ?? stored.map { $0.payout.kind.rawValue }
        let back = "/participants/\(HTML.urlComponent(participantID))"
        var body = problem.map { AppPages.notice(payeeProblemText($0, context), error: true) } ?? ""
        body += "<p>\(context.h("app.payee.private"))</p>"
        body += "<form method=\"post\" action=\"\(back)/payee\">" + AppPages.csrf(context)
        body += Fields.text(name: "identityNumber", label: context.t("app.payee.field.identity_number"),
                            value: form?["identityNumber"] ?? stored?.identityNumber.canonical,
                            hint: context.t("app.payee.hint.identity_number"), required: true)
        body += "<fieldset class=\"field\"><legend>\(context.h("client.payee.payout"))</legend>"
        for (value, key) in [(Payee.Kind.bank.rawValue, "app.payee.payout.bank"), (Payee.Kind.payroll.rawValue, "client.payee.payroll")] {
            let id = "f-payout-\(value)"
            body += "<div><label for=\"\(id)\"><input type=\"radio\" id=\"\(id)\" name=\"payout\" value=\"\(value)\""
                + "\(payout == value ? " checked" : "") required> \(context.h(key))</label></div>"
        }
        body += "</fieldset><div class=\"grid2\">"
        body += Fields.text(name: "clearing", label: context.t("client.payee.clearing"), value: form?["clearing"] ?? storedClearing,
                            hint: context.t("app.payee.hint.clearing"))
        body += Fields.text(name: "account", label: context.t("client.payee.account"), value: form?["account"] ?? storedAccount,
                            hint: context.t("app.payee.hint.account"))
        body += "</div><div class=\"actions\"><button type=\"submit\">\(context.h("app.save"))</button>"
            + "<a href=\"\(back)\">\(context.h("app.cancel"))</a></div></form>"
        let name = participant.erased ? context.t("client.participant.erased_name") : participant.displayName
        return AppPages.page(context, title: context.t("app.payee.form_title", ["name": name]), section: .participants,
                             status: problem == nil ? .ok : .badRequest, body: body)
    }

    /// `POST /participants/ID/payee`: checks the entry as `forum payee set` does and stores it.
    /// The bank fields count only when a bank payout is chosen, so switching to payroll
    /// needs no clearing of them first.
    func savePayee(_ context: Context, participantID: String, _ form: FormData) -> HTTPResponse {
        if let refusal = payeeRefusal(context) { return refusal }
        guard replica.lookup.live(collection: Participant.collection, id: participantID) != nil else { return AppPages.notFound(context) }
        let bank = form["payout"] == Payee.Kind.bank.rawValue, payroll = form["payout"] == Payee.Kind.payroll.rawValue
        let entry = PayeeEntry(identityNumber: form["identityNumber"], payroll: payroll,
                               clearing: bank ? form["clearing"] : nil, account: bank ? form["account"] : nil)
        let payee: Payee
        switch entry.payee(participantID: participantID, now: now()) {
        case .success(let checked): payee = checked
        case .failure(let problem): return payeeForm(context, participantID: participantID, problem: problem, form: form)
        }
        if case .failure(let failure) = attempt({ () throws(ClientError) in try replica.setPayee(payee) }) {
            return AppPages.page(context, title: context.t("app.payee.title"), section: .participants, status: .unprocessableContent,
                                 body: AppPages.notice(failure.text, error: true))
        }
        return PageResponse.redirect("/participants/\(HTML.urlComponent(participantID))?done=payee_saved#payee")
    }

    /// The 403 page for a role that does not hold payee details, in the rules' words; `nil`
    /// for a coordinator.
    private func payeeRefusal(_ context: Context) -> HTTPResponse? {
        guard case .failure(let problem) = attempt({ () throws(ClientError) in try replica.requirePayeeRole() }) else { return nil }
        return AppPages.page(context, title: context.t("app.payee.title"), section: .participants, status: .forbidden,
                             body: AppPages.notice(problem.text, error: true))
    }

    /// A refused entry in words: the field and the catalogue's reason the CLI gives.
    private func payeeProblemText(_ problem: PayeeEntry.Problem, _ context: Context) -> String {
        guard let field = problem.field, let reason = problem.reasonKey else { return context.t("app.payee.problem.payout") }
        let label = switch field {
        case .identityNumber: context.t("app.payee.field.identity_number")
        case .clearing: context.t("client.payee.clearing")
        case .account: context.t("client.payee.account")
        }
        return context.t("app.payee.problem.field", ["field": label, "reason": context.t(reason)])
    }
}
