import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import WebPage

/// The participant register: search, add, edit (anonymous, consent), delete.
extension FieldApp {
    /// `GET /participants?q=…`.
    func participantList(_ context: Context) -> HTTPResponse {
        let query = context.request.query["q"].map { $0.trimmingCharacters(in: .whitespaces) }
        let people = replica.lookup.live(collection: Participant.collection).compactMap { try? Participant($0) }
            .filter { Participant.nameMatches($0.displayName, query) }
            .sorted { ($0.displayName.lowercased(), $0.id) < ($1.displayName.lowercased(), $1.id) }
        var body = context.request.query["done"] == "deleted" ? AppPages.notice(context.t("app.done.deleted")) : ""
        body += "<form method=\"get\" action=\"/participants\" class=\"filters\" role=\"search\">"
            + Fields.text(name: "q", label: context.t("app.participants.search"), value: query, type: "search")
            + "<div><button type=\"submit\">\(context.h("app.participants.search_button"))</button></div></form>"
        body += "<div class=\"actions\"><a class=\"button\" href=\"/participants/new\">\(context.h("app.participant.new"))</a></div>"
        if people.isEmpty {
            body += "<p>\(context.h("client.participant.none"))</p>"
        } else {
            body += "<table class=\"responsive\"><thead><tr><th scope=\"col\">\(context.h("app.col.name"))</th>"
                + "<th scope=\"col\">\(context.h("client.col.association"))</th><th scope=\"col\">\(context.h("app.field.municipality"))</th>"
                + "<th scope=\"col\">\(context.h("client.col.anonymous"))</th><th scope=\"col\">\(context.h("client.col.consent"))</th></tr></thead><tbody>"
            for person in people.prefix(configuration.maxListedParticipants) {
                let name = person.erased ? context.t("client.participant.erased_name") : person.displayName
                body += "<tr><td><a href=\"/participants/\(HTML.urlComponent(person.id))\">\(HTML.escape(name))</a></td>"
                    + "<td>\(HTML.escape(person.association ?? ""))</td><td>\(HTML.escape(person.municipality))</td>"
                    + "<td>\(context.h(person.anonymous ? "client.word.yes" : "client.word.no"))</td>"
                    + "<td>\(context.h(person.consentGiven ? "client.word.yes" : "client.word.no"))</td></tr>"
            }
            body += "</tbody></table>"
            if people.count > configuration.maxListedParticipants {
                body += "<p class=\"muted\">\(context.h("app.participants.more", ["count": String(people.count - configuration.maxListedParticipants)]))</p>"
            }
        }
        return AppPages.page(context, title: context.t("app.participants.title"), section: .participants, body: body)
    }

    /// `GET /participants/new`, `GET /participants/ID`: the form, with `problem` and the
    /// values sent when a save was refused.
    func participantForm(_ context: Context, participantID: String?, problem: String?, form: FormData?) -> HTTPResponse {
        let existing = participantID.flatMap { replica.lookup.live(collection: Participant.collection, id: $0) }
            .flatMap { try? Participant($0) }
        if participantID != nil && existing == nil { return AppPages.notFound(context) }
        let spec = ForumSchema.collection(Participant.collection)
        func value(_ field: String, _ current: String?) -> String? { form?[field] ?? current }
        var body = problem.map { AppPages.notice($0, error: true) } ?? ""
        if let done = context.request.query["done"], ["saved", "added", "payee_saved"].contains(done) { body += AppPages.notice(context.t("app.done.\(done)")) }
        let action = existing.map { "/participants/\(HTML.urlComponent($0.id))" } ?? "/participants"
        body += "<form method=\"post\" action=\"\(action)\">" + AppPages.csrf(context) + "<div class=\"grid2\">"
        body += Fields.control(spec, Participant.Field.displayName, label: context.t("app.participant.field.name"),
                               value: value(Participant.Field.displayName, existing?.displayName))
        body += Fields.control(spec, Participant.Field.association, label: context.t("app.participant.field.association"),
                               value: value(Participant.Field.association, existing?.association))
        body += Fields.control(spec, Participant.Field.contact, label: context.t("app.participant.field.contact"),
                               value: value(Participant.Field.contact, existing?.contact), hint: context.t("app.hint.contact"))
        let municipalities = replica.actor.municipalities.sorted()
        if existing == nil && municipalities.count > 1 {
            body += Fields.control(spec, Participant.Field.municipality, label: context.t("app.field.municipality"),
                                   value: value(Participant.Field.municipality, nil), choices: municipalities.map { ($0, $0) })
        }
        body += "</div>"
        let anonymous = form.map { $0[Participant.Field.anonymous] == "yes" } ?? (existing?.anonymous ?? false)
        let consent = form.map { $0[Participant.Field.consentGiven] == "yes" } ?? (existing?.consentGiven ?? false)
        body += Fields.checkbox(name: Participant.Field.anonymous, label: context.t("app.participant.field.anonymous"), checked: anonymous)
        body += "<p class=\"muted\">\(context.h("app.participant.anonymous_help"))</p>"
        body += Fields.checkbox(name: Participant.Field.consentGiven, label: context.t("app.participant.field.consent"), checked: consent)
        if let date = existing?.consentDate, existing?.consentGiven == true {
            body += "<p class=\"muted\">\(context.h("app.participant.consent_date", ["date": date]))</p>"
        }
        body += "<div class=\"actions\"><button type=\"submit\">\(context.h("app.save"))</button>"
            + "<a href=\"/participants\">\(context.h("app.cancel"))</a></div></form>"
        if let existing {
            body += "<div class=\"actions\"><a class=\"button secondary\" href=\"/participants/\(HTML.urlComponent(existing.id))/delete\">"
                + "\(context.h("app.delete"))</a></div>"
            if context.coordinator { body += payeeSection(context, participantID: existing.id) }
        }
        let title = existing == nil ? context.t("app.participant.new_title") : context.t("app.participant.edit_title")
        return AppPages.page(context, title: title, section: .participants, status: problem == nil ? .ok : .badRequest, body: body)
    }

    /// `POST /participants`, `POST /participants/ID`. Only what changed is written.
    func saveParticipant(_ context: Context, participantID: String?, _ form: FormData) -> HTTPResponse {
        let existing = participantID.flatMap { replica.lookup.live(collection: Participant.collection, id: $0) }
            .flatMap { try? Participant($0) }
        if participantID != nil && existing == nil { return AppPages.notFound(context) }
        func fail(_ text: String) -> HTTPResponse { participantForm(context, participantID: participantID, problem: text, form: form) }
        func trimmed(_ name: String) -> String? {
            form[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let name = trimmed(Participant.Field.displayName) else {
            return fail(context.t("app.problem.required", ["field": context.t("app.participant.field.name")]))
        }
        let association = trimmed(Participant.Field.association), contact = trimmed(Participant.Field.contact)
        let anonymous = form[Participant.Field.anonymous] == "yes", consent = form[Participant.Field.consentGiven] == "yes"
        let today = show(now(), style: .date)
        if let existing {
            var values: [String: JSONValue] = [:]
            if name != existing.displayName { values[Participant.Field.displayName] = .string(name) }
            if association != existing.association { values[Participant.Field.association] = association.map(JSONValue.string) ?? .null }
            if contact != existing.contact { values[Participant.Field.contact] = contact.map(JSONValue.string) ?? .null }
            if anonymous != existing.anonymous { values[Participant.Field.anonymous] = .bool(anonymous) }
            if consent != existing.consentGiven { values.merge(Participant.consentFields(given: consent, day: today)) { $1 } }
            if let problem = store(Participant.collection, id: existing.id, values: values) { return fail(problem) }
            return PageResponse.redirect("/participants/\(HTML.urlComponent(existing.id))?done=saved")
        }
        guard let municipality = chosenMunicipality(form[Participant.Field.municipality]) else {
            return fail(context.t("app.problem.required", ["field": context.t("app.field.municipality")]))
        }
        let person = Participant(id: RecordID.random(), displayName: name, association: association, contact: contact,
                                 municipality: municipality, anonymous: anonymous, consentGiven: consent,
                                 consentDate: consent ? today : nil)
        if let problem = store(Participant.collection, id: person.id, values: person.fields) { return fail(problem) }
        return PageResponse.redirect("/participants/new?done=added")
    }
}
