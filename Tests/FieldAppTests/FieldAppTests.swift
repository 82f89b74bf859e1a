import FieldApp
import FieldClient
import ForumModel
import Foundation
import HTTPServer
import Messages
import SyncCore
import Testing
import WebPage

/// The field app's handler in process: who gets in, forms that must carry the token, and
/// what every page must be (lang, labels, nothing external, no anonymous real names where
/// anonymity applies).
@Suite("FieldApp: access, CSRF, pages, anonymity")
struct FieldAppTests {
    @Test func withoutTheCookieEveryPathIsForbiddenAndShowsNoData() throws {
        let harness = try AppHarness()
        let (forum, _) = try harness.seed(people: [("Kim Hemlig", false)])
        for path in ["/", "/participants", "/forums/\(forum)", "/forums/\(forum)/print", "/sync", "/conflicts", "/nonexistent"] {
            let answer = harness.get(path, withCookie: false)
            #expect(answer.status == 403, "\(path)")
            #expect(!answer.text.contains("Vårforum") && !answer.text.contains("Kim"), "\(path) shows data")
            #expect(answer.response.headers["Set-Cookie"] == nil)
        }
        let post = harness.post("/participants", [("displayName", "Ny Person")], csrf: false)
        #expect(post.status == 403)
        #expect(harness.replica.lookup.states(collection: Participant.collection).count == 1)
    }

    @Test func aWrongKeyIsForbiddenAndTheRightOneBecomesAnHttpOnlyStrictCookie() throws {
        let harness = try AppHarness()
        try harness.seed(people: [])
        let wrong = harness.app.handle(HTTPRequest(method: .get, target: "/?key=00", query: ["key": String(repeating: "0", count: 64)]))
        #expect(wrong.status.code == 403)
        #expect(wrong.headers["Set-Cookie"] == nil)

        let right = harness.app.handle(HTTPRequest(method: .get, target: "/?key=\(harness.app.key)", query: ["key": harness.app.key]))
        #expect(right.status.code == 303)
        #expect(right.headers["Location"] == "/")
        let cookie = try #require(right.headers["Set-Cookie"])
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
        #expect(!cookie.contains(harness.app.key), "the cookie is derived from the key, not the key itself")

        try harness.logIn()
        let list = harness.get("/")
        #expect(list.status == 200)
        #expect(list.text.contains("Vårforum om boende"))
        #expect(list.response.headers["Content-Security-Policy"]?.contains("default-src 'none'") == true)
    }

    @Test func aFormWithoutTheTokenOrWithAWrongOneIsRefusedAndChangesNothing() throws {
        let harness = try AppHarness()
        try harness.logIn()
        let missing = harness.post("/participants", [("displayName", "Utan Token")], csrf: false)
        #expect(missing.status == 403)
        #expect(missing.text.contains("Formuläret kom inte från den här appen"))
        let wrong = harness.post("/participants", [("csrf", String(repeating: "a", count: 64)), ("displayName", "Fel Token")], csrf: false)
        #expect(wrong.status == 403)
        #expect(harness.replica.lookup.states(collection: Participant.collection).isEmpty)

        let added = harness.post("/participants", [("displayName", "Med Token")])
        #expect(added.status == 303)
        #expect(harness.replica.lookup.states(collection: Participant.collection).count == 1)
    }

    @Test(arguments: [Role.facilitator, .coordinator])
    func everyPageHasLangLabelsOnEveryInputAndNoExternalURL(role: Role) throws {
        let harness = try AppHarness(role: role)
        let (forum, people) = try harness.seed(people: [("Kim Hemlig", true), ("Alva Öppen", false)], status: .held)
        try harness.logIn()
        // Attendance, so honoraria (and the coordinator's forms) appear.
        _ = harness.post("/forums/\(forum)/attendance", people.flatMap { [("pid", $0), ("a.\($0)", "present"), ("r.\($0)", "participant")] })
        var paths = ["/", "/forums/new", "/forums/\(forum)", "/forums/\(forum)/edit", "/forums/\(forum)/print", "/forums/\(forum)/delete",
                     "/participants", "/participants?q=alva", "/participants/new", "/participants/\(people[1])",
                     "/participants/\(people[1])/delete", "/sync", "/conflicts", "/reports/attendance", "/nonexistent"]
        if role == .coordinator { paths += ["/honoraria", "/payments", "/reports/paid", "/participants/\(people[1])/payee"] }
        for path in paths {
            let page = harness.get(path)
            #expect(page.status == 200 || path == "/nonexistent", "\(path): \(page.status)")
            #expect(PageChecks.problems(page.text) == [], "\(path)")
        }
        #expect(harness.get("/forums/\(forum)").text.contains("<html lang=\"sv\">"))
    }

    @Test func englishPagesSayEnglishAndHaveLangEn() throws {
        let harness = try AppHarness(language: .en)
        let (forum, _) = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        let page = harness.get("/forums/\(forum)").text
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("Save attendance"))
        #expect(!page.contains("Spara närvaro"))
    }

    @Test func anAnonymousParticipantsNameIsOnNeitherThePrintViewNorTheFiledMinutes() throws {
        let harness = try AppHarness()
        let (forum, people) = try harness.seed(people: [("Kim Hemlig", true), ("Alva Öppen", false)])
        try harness.logIn()
        _ = harness.post("/forums/\(forum)/attendance", people.flatMap { [("pid", $0), ("a.\($0)", "present"), ("r.\($0)", "participant")] })

        // Naming the anonymous attendee is warned about, and nothing is saved…
        let text = "Kim Hemlig berättade om boendet. Alva Öppen höll med."
        let warned = harness.post("/forums/\(forum)/minutes", [("minutes", text)])
        #expect(warned.text.contains("Protokollet nämner 1 anonyma deltagare vid namn"))
        #expect(harness.replica.lookup.live(collection: Forum.collection, id: forum)?[Forum.Field.minutes]?.stringValue == nil)
        // …until the facilitator confirms.
        let saved = harness.post("/forums/\(forum)/minutes", [("minutes", text), ("confirm", "yes")])
        #expect(saved.text.contains("Protokollet är sparat."))

        let print = harness.get("/forums/\(forum)/print").text
        #expect(!print.contains("Kim") && !print.contains("Hemlig"))
        #expect(print.contains("Anonym deltagare 1"))
        #expect(print.contains("Alva Öppen"))
        let page = harness.get("/forums/\(forum)").text
        let filed = try #require(PageChecks.firstGroup(#"<div class="minutes" id="minutes-filed">([^<]*)</div>"#, in: page))
        #expect(!filed.contains("Kim") && !filed.contains("Hemlig"))
        #expect(filed.contains("Anonym deltagare 1 berättade om boendet"))
    }

    @Test func absentMeansTheHonorariumIsFlaggedAndPresentAgainBringsItBack() throws {
        let harness = try AppHarness()
        let (forum, people) = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        let person = people[0]
        let present = harness.post("/forums/\(forum)/attendance", [("pid", person), ("a.\(person)", "present"), ("r.\(person)", "participant")])
        #expect(present.text.contains("Närvaron är sparad. Ändrade rader: 1."))
        let absent = harness.post("/forums/\(forum)/attendance", [("pid", person), ("a.\(person)", "absent"), ("r.\(person)", "participant")])
        #expect(absent.text.contains(Localizer(language: .sv)["client.absent.proposed_flagged", ["amount": KronorFormat.format(300, language: .sv)]]))
        #expect(absent.text.contains("frånvarande: godkänns inte"))
        let again = harness.post("/forums/\(forum)/attendance", [("pid", person), ("a.\(person)", "present"), ("r.\(person)", "participant")])
        #expect(again.text.contains("Arvodet är föreslaget igen"))
    }

    /// A deletion ends on a list that says it was done, for a forum as for a participant
    /// (the forum list ignored `done=deleted`, so a deleted forum just vanished).
    @Test func aDeletedForumOrParticipantIsConfirmedOnTheListItLeavesYouOn() throws {
        let harness = try AppHarness()
        let (forum, people) = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        let deleted = Localizer(language: .sv)["app.done.deleted"]
        for (path, list) in [("/participants/\(people[0])/delete", "/participants?done=deleted"), ("/forums/\(forum)/delete", "/?done=deleted")] {
            let answer = harness.post(path, [])
            #expect(answer.response.headers["Location"] == list)
            #expect(harness.get(list).text.contains(HTML.escape(deleted)), "\(list) does not confirm the deletion")
        }
        #expect(!harness.get("/").text.contains(HTML.escape(deleted)), "the notice shows without a deletion")
    }

    /// The attendance report shown in the app is noted for the audit trail as the CLI's
    /// `forum report attendance` is, by municipality and period only (PROTOCOL.md §13a).
    @Test func showingTheAttendanceReportIsNotedForTheAuditTrail() throws {
        let harness = try AppHarness(role: .coordinator)
        _ = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        #expect(try harness.replica.unreportedEvents().isEmpty)
        #expect(harness.get("/reports/attendance?from=2026-01-01&to=2026-12-31").status == 200)
        let events = try harness.replica.unreportedEvents()
        #expect(events.map(\.action) == [.attendanceReportExport])
        #expect(events.first?.subject == "\(AppHarness.municipality) 2026-01-01..2026-12-31")
    }

    @Test func approvingAForumNotHeldIsRefusedWithTheRulesWords() throws {
        let harness = try AppHarness(role: .coordinator)
        let (forum, people) = try harness.seed(people: [("Alva Öppen", false)], status: .planned)
        try harness.logIn()
        _ = harness.post("/forums/\(forum)/attendance", [("pid", people[0]), ("a.\(people[0])", "present"), ("r.\(people[0])", "participant")])
        let refused = harness.post("/forums/\(forum)/approve-all", [])
        let reason = DomainError(.forumNotHeld, ["status": HonorariumStatus.approved.rawValue]).message(.sv)
        #expect(refused.text.contains(Localizer(language: .sv)["client.error.refused", ["reason": reason]]
            .replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "\"", with: "&quot;")))
        #expect(refused.status == 422)
        let honorarium = try #require(harness.replica.lookup.states(collection: Honorarium.collection).first.flatMap { try? Honorarium($0) })
        #expect(honorarium.status == .proposed)
    }

    @Test func approvingOneHonorariumOfAForumNotHeldIsRefusedToo() throws {
        let harness = try AppHarness(role: .coordinator)
        let (forum, people) = try harness.seed(people: [("Alva Öppen", false)], status: .planned)
        try harness.logIn()
        _ = harness.post("/forums/\(forum)/attendance", [("pid", people[0]), ("a.\(people[0])", "present"), ("r.\(people[0])", "participant")])
        let id = try #require(harness.replica.lookup.states(collection: Honorarium.collection).first?.id)
        let refused = harness.post("/honoraria/\(id)/approve", [])
        #expect(refused.status == 422)
        #expect(refused.text.contains("nekat:"))
        #expect(harness.replica.lookup.live(collection: Honorarium.collection, id: id).flatMap { try? Honorarium($0) }?.status == .proposed)
    }

    @Test func aFacilitatorSeesNoCoordinatorPages() throws {
        let harness = try AppHarness(role: .facilitator)
        try harness.logIn()
        #expect(harness.get("/payments").status == 404)
        #expect(harness.get("/payments.csv?from=2026-01-01&to=2026-12-31").status == 404)
        #expect(!harness.get("/").text.contains("/payments"))
    }
}
