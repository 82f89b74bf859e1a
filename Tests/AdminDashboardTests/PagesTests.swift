@testable import AdminDashboard
import Foundation
import ForumModel
import Messages
import HTTPServer
import SyncCore
import Testing

@Suite("Pages: overview, conflicts, conflict detail, devices")
struct PagesTests {
    /// A harness with 60 forum conflicts, a participant named like a script, an anonymous
    /// participant with a conflicting name, and two devices (one stale).
    static func populated() throws -> (DashboardHarness, String) {
        let harness = DashboardHarness()
        let source = harness.source
        for index in 0..<60 {
            try source.addConflict(collection: "forum", id: String(format: "f%02d", index), base: ["title": .string("Forum \(index)"),
                                   "municipality": .string(index % 2 == 0 ? "Malmö" : "Lund")],
                                   a: ["title": .string("A \(index)")], b: ["title": .string("B \(index)")], sinceMillis: 1_000_000 + Int64(index))
        }
        try source.addConflict(collection: "participant", id: "p-script",
                               base: ["displayName": "x", "anonymous": false, "municipality": "Malmö"],
                               a: ["displayName": "Anna"], b: ["displayName": "<script>alert(1)</script>"],
                               sinceMillis: harness.now - 3 * 86_400_000)
        try source.addConflict(collection: "participant", id: "p-anon",
                               base: ["displayName": "Kalle", "anonymous": true, "municipality": "Malmö", "contact": "070-123"],
                               a: ["displayName": "Kalle Svensson"], b: ["displayName": "Kalle S."],
                               sinceMillis: harness.now - 2 * 86_400_000)
        try source.addRecord(collection: "attendance", id: "att-1", ["forumId": "f00", "participantId": "p-anon"])
        source.addDevice(Fixtures.device("dev-a", name: "Annas <b>laptop</b>", lastSync: harness.now - 9 * 86_400_000))
        source.addDevice(Fixtures.device("dev-b", name: "Bo's iPad", role: "coordinator", lastSync: harness.now - 3_600_000))
        return (harness, try harness.login())
    }

    @Test func overviewShowsCountsOldestAgeStaleDevicesAndTheChart() throws {
        let (harness, cookie) = try Self.populated()
        let days = Pages.dayStrings(endingAt: harness.now, count: 14)
        harness.source.activityDays = [ActivityDay(day: days[13], pushes: 12, pulls: 30, conflicts: 2),
                                       ActivityDay(day: days[0], pushes: 1, pulls: 1, conflicts: 0)]
        let response = harness.get("/admin", cookie: cookie)
        #expect(response.status == .ok)
        let html = response.text
        #expect(html.contains("<span class=\"big\">62</span>öppna konflikter"))
        #expect(html.contains("äldsta: 20"))  // days since 1970-01-01 00:16, in thousands
        #expect(html.contains("Annas &lt;b&gt;laptop&lt;/b&gt;"))
        #expect(html.contains("<span class=\"big\">1</span>enheter som inte synkat"))
        #expect(!html.contains("Bo&#39;s iPad"))
        // The chart: one group of three bars per day, 14 days, and a table with the same numbers.
        #expect(html.components(separatedBy: "<g class=\"day\"").count - 1 == 14)
        #expect(html.components(separatedBy: "<rect class=").count - 1 == 42)
        #expect(html.contains("<svg") && html.contains("role=\"img\""))
        #expect(html.contains("<th scope=\"row\">\(days[13])</th><td class=\"num\">12</td><td class=\"num\">30</td><td class=\"num\">2</td>"))
        #expect(html.components(separatedBy: "<th scope=\"row\">20").count - 1 >= 14)
    }

    @Test func conflictsListIsPaginatedWithLimitAndOffset() throws {
        let (harness, cookie) = try Self.populated()
        let first = harness.get("/admin/conflicts", cookie: cookie).text
        #expect(first.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 25)
        #expect(first.contains("href=\"/admin/conflicts?offset=25\">Nästa →</a>"))
        #expect(!first.contains("rel=\"prev\""))
        let last = harness.get("/admin/conflicts?offset=50", cookie: cookie).text
        #expect(last.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 12)
        #expect(last.contains("Visar 51–62"))
        #expect(last.contains("rel=\"prev\" href=\"/admin/conflicts?offset=25\""))
        #expect(!last.contains("rel=\"next\""))
        #expect(harness.source.queries.map(\.offset) == [0, 50])
        #expect(harness.source.queries.allSatisfy { $0.limit == 25 })
    }

    @Test func conflictsListPassesFiltersAndKeepsThemInThePager() throws {
        let (harness, cookie) = try Self.populated()
        let html = harness.get("/admin/conflicts?collection=forum&municipality=Malm%C3%B6&age=7", cookie: cookie).text
        let query = try #require(harness.source.queries.last)
        #expect(query.collection == "forum" && query.municipality == "Malmö")
        #expect(query.olderThanMillis == harness.now - 7 * 86_400_000)
        #expect(html.contains("<option value=\"forum\" selected>"))
        #expect(html.contains("<option value=\"7\" selected>"))
        #expect(html.contains("/admin/conflicts?collection=forum&amp;municipality=Malm%C3%B6&amp;age=7&amp;offset=25"))
        // An age outside the choices is ignored rather than passed on.
        _ = harness.get("/admin/conflicts?age=-5", cookie: cookie)
        #expect(harness.source.queries.last?.olderThanMillis == nil)
    }

    @Test func recordValuesAreEscapedEverywhere() throws {
        let (harness, cookie) = try Self.populated()
        let pages = [harness.get("/admin/conflicts?offset=50", cookie: cookie).text,
                     harness.get("/admin/conflicts/participant/p-script", cookie: cookie).text,
                     harness.get("/admin/devices", cookie: cookie).text, harness.get("/admin", cookie: cookie).text]
        for html in pages {
            #expect(!html.contains("<script"))
            #expect(!html.contains("<b>laptop"))
        }
        #expect(pages[0].contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(pages[1].contains("<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>"))
        #expect(pages[2].contains("Annas &lt;b&gt;laptop&lt;/b&gt;"))
    }

    /// The audit trail page: newest first as the source gives it, actions in words, ids
    /// escaped, and a navigation entry marked current.
    @Test func theAuditTrailListsActionsInWordsAndEscapesIds() throws {
        let (harness, cookie) = try Self.populated()
        harness.source.auditEntries = [
            DashboardAuditEntry(atMillis: 1_764_000_600_000, actor: "admin", action: "participant_erase", subject: "participant/<p1>"),
            DashboardAuditEntry(atMillis: 1_764_000_000_000, actor: "dev-a", action: "device_wipe_confirmed", subject: "dev-a"),
        ]
        let html = harness.get("/admin/audit", cookie: cookie, language: "sv").text
        #expect(html.contains("raderade personuppgifter") && html.contains("enheten bekräftade raderingen"))
        #expect(html.contains("participant/&lt;p1&gt;") && !html.contains("<p1>"))
        #expect(html.contains("<a href=\"/admin/audit\" aria-current=\"page\">"))
        let first = try #require(html.range(of: "raderade personuppgifter")), second = try #require(html.range(of: "bekräftade"))
        #expect(first.lowerBound < second.lowerBound)
        harness.source.auditEntries = []
        #expect(harness.get("/admin/audit", cookie: cookie, language: "en").text.contains("Nothing has been recorded yet."))
    }

    @Test func anonymousParticipantIsRedactedAndStillResolvableByLabel() throws {
        let (harness, cookie) = try Self.populated()
        for (language, pseudonym) in [("sv", "Anonym deltagare 1"), ("en", "Anonymous participant 1")] {
            let html = harness.get("/admin/conflicts/participant/p-anon", cookie: cookie, language: language).text
            #expect(!html.contains("Kalle"))
            #expect(!html.contains("070-123"))
            #expect(html.contains("<title>\(pseudonym) –"))
            #expect(html.components(separatedBy: "<pre>\(pseudonym)</pre>").count - 1 == 2)
        }
        let list = harness.get("/admin/conflicts?collection=participant", cookie: cookie).text
        #expect(list.contains(">Anonym deltagare 1</a>") && !list.contains("Kalle"))

        let page = harness.get("/admin/conflicts/participant/p-anon", cookie: cookie)
        let state = try #require(harness.source.state("participant/p-anon"))
        let chosen = try #require(state.fields["displayName"]?.entries.first { $0.value == "Kalle S." })
        #expect(page.text.contains("value=\"\(chosen.dot.description)\""))
        #expect(page.text.contains("Behåll värde \(chosen.dot.description)"))
        let response = harness.post("/admin/conflicts/participant/p-anon/resolve",
                                    form: [("csrf", try DashboardHarness.csrf(in: page)), ("field", "displayName"),
                                           ("choice", chosen.dot.description)], cookie: cookie)
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"] == "/admin/conflicts/participant/p-anon?done=resolved")
        let after = try #require(harness.source.state("participant/p-anon"))
        #expect(after["displayName"] == "Kalle S." && !after.hasConflict)
        let done = harness.get("/admin/conflicts/participant/p-anon?done=resolved", cookie: cookie).text
        #expect(done.contains("Konflikten är löst.") && done.contains("Posten har inga öppna konflikter.") && !done.contains("Kalle"))
    }

    @Test func conflictDetailShowsEveryValueWithWriterAndTime() throws {
        let (harness, cookie) = try Self.populated()
        let html = harness.get("/admin/conflicts/forum/f03", cookie: cookie).text
        #expect(html.contains("<legend>Fältet title</legend>"))
        #expect(html.contains("<pre>A 3</pre>") && html.contains("<pre>B 3</pre>"))
        #expect(html.contains("Annas &lt;b&gt;laptop&lt;/b&gt;") && html.contains("Bo&#39;s iPad"))
        #expect(html.contains("Processledare") && html.contains("Samordnare"))
        #expect(html.contains("1970-01-01 01:16"))  // 1 000 003 ms after the epoch, Stockholm time
        #expect(html.contains("name=\"choice\" value=\"new\""))
    }

    @Test func aNewValueIsReadAsTheFieldsTypeAndItsControlComesFromTheSchema() throws {
        let (harness, cookie) = try Self.populated()
        let csrf = try DashboardHarness.csrf(in: harness.get("/admin", cookie: cookie))
        let text = harness.post("/admin/conflicts/forum/f04/resolve", form: [("csrf", csrf), ("field", "title"), ("choice", "new"),
                                                                             ("newValue", "Nytt \"namn\"")], cookie: cookie)
        #expect(text.status == .seeOther)
        #expect(harness.source.state("forum/f04")?["title"] == .string("Nytt \"namn\""))
        // A title is text: the form offers a text area, no JSON choice.
        let page = harness.get("/admin/conflicts/forum/f05", cookie: cookie).text
        #expect(page.contains("<textarea") && !page.contains("newType"))
        #expect(Pages.newValueControls(prefix: "x", type: .amount, Localizer(language: .sv)).contains("type=\"number\""))
    }

    @Test func refusedResolutionsShowTheRecordAgainWithTheReason() throws {
        let (harness, cookie) = try Self.populated()
        let csrf = try DashboardHarness.csrf(in: harness.get("/admin", cookie: cookie))
        let cases: [([(String, String)], String)] = [
            ([("field", "title"), ("choice", "dev-zz:9")], "Fältet har inte längre det värdet."),
            ([("field", "defaultHonorarium"), ("choice", "new"), ("newValue", "375 kr")], "Fältet kan inte ha det värdet."),
            ([("field", "title")], "Välj ett av värdena"),
        ]
        for (form, message) in cases {
            let response = harness.post("/admin/conflicts/forum/f06/resolve", form: [("csrf", csrf)] + form, cookie: cookie)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(message))
        }
        #expect(harness.source.state("forum/f06")?.hasConflict == true)
        #expect(harness.get("/admin/conflicts/forum/nope", cookie: cookie).status == .notFound)
    }

    @Test func deleteVersusUpdateOffersTheDeletesAndRestore() throws {
        let harness = DashboardHarness()
        var origin = RecordState(collection: "forum", id: "gone")
        try origin.write(["title": "T"], by: ReplicaID("dev-a")!, at: HybridTimestamp(wallMillis: 1))
        var deleted = origin, updated = origin
        deleted.delete(by: ReplicaID("dev-a")!, at: HybridTimestamp(wallMillis: 2))
        try updated.write(["title": "U"], by: ReplicaID("dev-b")!, at: HybridTimestamp(wallMillis: 3))
        harness.source.insert(try deleted.merged(with: updated), since: 2)
        let cookie = try harness.login()
        let html = harness.get("/admin/conflicts/forum/gone", cookie: cookie).text
        #expect(html.contains("<legend>Borttagen på en enhet, ändrad på en annan</legend>"))
        #expect(html.contains("Behåll borttagningen dev-a:2"))
        #expect(html.contains("value=\"restore\""))
        #expect(!html.contains("value=\"new\""))
    }

    @Test func devicesPageListsDevicesEnrolsAndConfirmsRevocation() throws {
        let (harness, cookie) = try Self.populated()
        let page = harness.get("/admin/devices", cookie: cookie)
        #expect(page.text.contains("dev-b") && page.text.contains("9 dagar") && page.text.contains("1 timme"))
        let csrf = try DashboardHarness.csrf(in: page)
        let enrolled = harness.post("/admin/devices", form: [("csrf", csrf), ("name", "Ny <dator>"), ("role", "admin"),
                                                             ("municipalities", "Lund, Malmö")], cookie: cookie)
        #expect(enrolled.status == .ok)
        #expect(enrolled.text.contains("<p class=\"code\">ABCD-EFGH-JKLM</p>") && enrolled.text.contains("Ny &lt;dator&gt;"))
        #expect(harness.source.deviceList.last?.municipalities == ["Lund", "Malmö"])
        #expect(!harness.get("/admin/devices", cookie: cookie).text.contains("ABCD-EFGH-JKLM"))
        let refused = harness.post("/admin/devices", form: [("csrf", csrf), ("name", "X"), ("role", "king"),
                                                            ("municipalities", "Lund")], cookie: cookie)
        #expect(refused.status == .unprocessableContent && refused.text.contains("Välj en roll i listan."))

        let confirm = harness.get("/admin/devices/dev-b/revoke", cookie: cookie)
        #expect(confirm.text.contains("Vill du spärra Bo&#39;s iPad (dev-b)?"))
        #expect(confirm.text.contains("action=\"/admin/devices/dev-b/revoke\""))
        #expect(harness.source.revoked.isEmpty)
        let revoked = harness.post("/admin/devices/dev-b/revoke", form: [("csrf", csrf)], cookie: cookie)
        #expect(revoked.headers["Location"] == "/admin/devices?done=revoked")
        #expect(harness.source.revoked == ["dev-b"])
        #expect(harness.get("/admin/devices/dev-b/revoke", cookie: cookie).status == .notFound)
    }

    @Test func pagesAreSemanticAndEveryControlHasALabel() throws {
        let (harness, cookie) = try Self.populated()
        for path in ["/admin", "/admin/conflicts", "/admin/conflicts/forum/f01", "/admin/conflicts/participant/p-anon",
                     "/admin/devices", "/admin/devices/dev-a/revoke"] {
            let html = harness.get(path, cookie: cookie).text
            #expect(html.hasPrefix("<!DOCTYPE html>"), "\(path)")
            for tag in ["<header>", "<nav ", "<main id=\"main\">", "<h1>"] { #expect(html.contains(tag), "\(path) \(tag)") }
            #expect(html.components(separatedBy: "<h1>").count == 2, "\(path)")
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<th>"), "\(path): every th has a scope")
            for id in Self.controlIDs(html) { #expect(html.contains("<label for=\"\(id)\""), "\(path): \(id)") }
            #expect(Self.controlIDs(html).count == Self.controlCount(html), "\(path): every control has an id")
        }
    }

    /// Ids of inputs (except hidden), selects and textareas.
    static func controlIDs(_ html: String) -> [String] {
        controls(html).compactMap { tag in
            guard let range = tag.range(of: " id=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func controlCount(_ html: String) -> Int { controls(html).count }

    static func controls(_ html: String) -> [Substring] {
        var result: [Substring] = []
        for opener in ["<input", "<select", "<textarea"] {
            for piece in html.components(separatedBy: opener).dropFirst() {
                let tag = piece.prefix { $0 != ">" }
                if !tag.contains("type=\"hidden\"") { result.append(tag) }
            }
        }
        return result
    }
}
