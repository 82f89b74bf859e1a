import FieldApp
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore
import Testing
import WebPage

/// The payee form in the app (issue 19): a coordinator completes a participant's identity
/// number and payout on the participant's page, checked and stored by the operation
/// `forum payee set` uses; a facilitator never reaches it.
@Suite("FieldApp: payee details")
struct FieldAppPayeeTests {
    static let sv = Localizer(language: .sv)

    /// `text` as a page shows it (escaped).
    static func shown(_ text: String) -> String { HTML.escape(text) }

    @Test func aCoordinatorSavesABankPayoutAndSeesItMaskedOnTheParticipantsPageOnly() throws {
        let harness = try AppHarness(role: .coordinator)
        let (_, people) = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        let person = people[0]
        let empty = harness.get("/participants/\(person)")
        #expect(empty.text.contains(Self.shown(Self.sv["app.payee.none"])))
        #expect(empty.text.contains("href=\"/participants/\(person)/payee\""))

        let saved = harness.post("/participants/\(person)/payee", [("identityNumber", "811218-9876"), ("payout", "bank"),
                                                                   ("clearing", "8327-9"), ("account", "123 456 78")])
        #expect(saved.status == 303)
        #expect(saved.response.headers["Location"] == "/participants/\(person)?done=payee_saved#payee")
        let payee = try #require(try harness.replica.payee(participantID: person))
        #expect(payee.identityNumber.canonical == "19811218-9876")
        #expect(payee.payout == .bank(clearing: "83279", account: "12345678"))

        // The participant's page: masked. The form: whole, to the coordinator who edits.
        let page = harness.get("/participants/\(person)?done=payee_saved").text
        #expect(page.contains(Self.shown(Self.sv["app.done.payee_saved"])))
        #expect(page.contains("19811218-****") && page.contains("…5678"))
        #expect(!page.contains("9876") && !page.contains("12345678"))
        let form = harness.get("/participants/\(person)/payee")
        #expect(form.status == 200)
        #expect(form.text.contains("value=\"19811218-9876\"") && form.text.contains("value=\"12345678\""))
        #expect(PageChecks.problems(form.text) == [])
        // Not on lists.
        #expect(!harness.get("/participants").text.contains("19811218"))

        // Switching to payroll needs no clearing of the bank fields first.
        let payroll = harness.post("/participants/\(person)/payee", [("identityNumber", "19811218-9876"), ("payout", "payroll"),
                                                                     ("clearing", "83279"), ("account", "12345678")])
        #expect(payroll.status == 303)
        #expect(try harness.replica.payee(participantID: person)?.payout == .payroll)
    }

    @Test func aWrongCheckDigitIsRefusedWithTheCLIsReasonAndNothingIsStored() throws {
        let harness = try AppHarness(role: .coordinator)
        let (_, people) = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        let person = people[0]
        let refused = harness.post("/participants/\(person)/payee", [("identityNumber", "811218-9875"), ("payout", "payroll")])
        #expect(refused.status == 400)
        // The catalogue's reason `forum payee set` gives for the same number.
        let reason = Self.sv["client.reason.identity_number"]
        #expect(refused.text.contains(Self.shown(Self.sv["app.payee.problem.field",
                                                         ["field": Self.sv["app.payee.field.identity_number"], "reason": reason]])))
        #expect(refused.text.contains("role=\"alert\""))
        #expect(harness.replica.lookup.states(collection: Payee.collection).isEmpty)
        #expect(try harness.replica.payee(participantID: person) == nil)
        // What was typed comes back in the form to be corrected, and the choice stays made.
        #expect(refused.text.contains("value=\"811218-9875\""))
        #expect(refused.text.contains("value=\"payroll\" checked"))

        let noPayout = harness.post("/participants/\(person)/payee", [("identityNumber", "811218-9876")])
        #expect(noPayout.status == 400)
        #expect(noPayout.text.contains(Self.shown(Self.sv["app.payee.problem.payout"])))
        let badClearing = harness.post("/participants/\(person)/payee", [("identityNumber", "811218-9876"), ("payout", "bank"),
                                                                         ("clearing", "12"), ("account", "1")])
        #expect(badClearing.text.contains(Self.shown(Self.sv["client.reason.clearing_number"])))
        #expect(harness.replica.lookup.states(collection: Payee.collection).isEmpty)
    }

    @Test func aFacilitatorIsRefusedTheFormAndNeverSeesTheSectionOrTheNumber() throws {
        let harness = try AppHarness(role: .facilitator)
        let (forum, people) = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        let person = people[0]
        // A facilitator's laptop never receives payee details; were one there anyway (written
        // past the rules, as a tampered client would), no page of theirs shows it.
        let payee = Payee(participantID: person, identityNumber: try #require(IdentityNumber(parsing: "811218-9876")), payout: .payroll)
        try harness.replica.write(collection: Payee.collection, id: payee.id, values: payee.fields, enforcingRules: false)

        let get = harness.get("/participants/\(person)/payee")
        #expect(get.status == 403)
        let post = harness.post("/participants/\(person)/payee", [("identityNumber", "7010632391"), ("payout", "payroll")])
        #expect(post.status == 403)
        let reason = DomainError(.collectionForbidden, ["collection": Payee.collection, "role": Role.facilitator.rawValue]).message(.sv)
        #expect(post.text.contains(Self.shown(Self.sv["client.error.refused", ["reason": reason]])))
        #expect(harness.replica.lookup.live(collection: Payee.collection, id: payee.id)?[Payee.Field.identityNumber]?.stringValue
            == "19811218-9876", "the refused form changed nothing")
        for path in ["/participants/\(person)", "/participants", "/forums/\(forum)", "/forums/\(forum)/print", "/reports/attendance"] {
            let page = harness.get(path)
            #expect(page.status == 200, "\(path)")
            #expect(!page.text.contains("19811218") && !page.text.contains("811218"), "\(path) shows the number")
            #expect(!page.text.contains("id=\"payee\"") && !page.text.contains("/payee\""), "\(path) shows the payee section")
        }
    }
}
