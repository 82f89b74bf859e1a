import ForumModel
import Foundation
import Messages
import Testing
import TestSupport

/// The field app end to end: the real `forum-server`, real `forum app` processes (one per
/// laptop), and a headless Chromium with JavaScript off, over loopback.
@Suite(.serialized) struct FieldAppBrowserTests {
    private static let canRun = FileManager.default.isExecutableFile(atPath: BuiltProducts.executable("forum").path)
        && FileManager.default.isExecutableFile(atPath: BuiltProducts.executable("forum-server").path)
        && HeadlessChromium.executable != nil

    /// `<package>/artefacts/screenshots`, git-ignored.
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("artefacts/screenshots")

    static let people = ["Alva Berg", "Bo Ek", "Cecilia Dahl", "David Falk", "Elin Gran", "Fredrik Holm", "Greta Ilves", "Kim Hemlig"]
    static let anonymous = "Kim Hemlig"

    @Test(.enabled(if: canRun, "needs the built forum, forum-server and the chromium package"))
    func facilitatorRecordsAForumOfflineSyncsAndCoordinatorApprovesAndDownloadsThePaymentList() throws {
        let office = try Office(["facilitator", "coordinator"])
        let server = office.server, laptop = office.laptops[0], coordinatorLaptop = office.laptops[1]
        // The venue has no network: the server is down while the forum is recorded.
        server.terminate()

        let app = try AppProcess(data: laptop)
        defer { app.stop() }
        let browser = try CountingBrowser(HeadlessChromium(width: 1280, height: 900))
        try browser.open(app.url)
        #expect(try browser.url() == app.base + "/")
        try browser.check()

        // Eight participants into the register, one of them anonymous.
        try browser.click("nav a[href='/participants']", load: true)
        try browser.click("a[href='/participants/new']", load: true)
        for name in Self.people {
            try browser.click("#f-displayName", load: false)
            try browser.type(name)
            if name == Self.anonymous { try browser.click("#f-anonymous", load: false) }
            try browser.click("#f-consentGiven", load: false)
            try browser.click("form[action='/participants'] button[type=submit]", load: true)
            #expect(try browser.html().contains("Deltagaren är tillagd."))
        }
        try browser.check()
        // The app found the server's address closed in the background: the banner says so.
        #expect(try browser.html().contains("<p class=\"banner\" role=\"status\">Servern går inte att nå just nu."))

        // The forum, started an hour ago, 300 kr a head.
        try browser.click("nav a[href='/']", load: true)
        try browser.click("a[href='/forums/new']", load: true)
        try browser.check()
        try browser.click("#f-title", load: false)
        try browser.type("Deltagarforum om boende")
        try browser.click("#f-start", load: false)
        try browser.type(StockholmTime.format(Date().addingTimeInterval(-3600), style: .dateTime, language: .sv))
        try browser.click("#f-defaultHonorarium", load: false)
        try browser.type("300")
        try browser.click("form[action='/forums'] button[type=submit]", load: true)
        #expect(try browser.html().contains("Forumet är skapat."))
        let forumPath = try browser.url().replacingOccurrences(of: app.base, with: "").prefix { $0 != "?" }

        // Attendance: seven present and David Falk (row 3; rows are in name order) absent.
        for row in 0..<8 { try browser.click("#a\(row)-\(row == 3 ? "absent" : "present")", load: false) }
        try browser.click("form[action$='/attendance'] button[type=submit]", load: true)
        var page = try browser.html()
        #expect(page.contains("Närvaron är sparad. Ändrade rader: 8."), "\(Self.notices(page))")
        try browser.check()

        // Minutes, read back as filed.
        try browser.click("#f-minutes", load: false)
        try browser.type("Vi talade om boendestödet. Anonym deltagare 1 tog upp väntetiderna.")
        try browser.click("form[action$='/minutes'] button[type=submit]", load: true)
        page = try browser.html()
        #expect(page.contains("Protokollet är sparat."))
        #expect(page.contains("Vi talade om boendestödet."))
        try browser.click("form[action$='/held'] button[type=submit]", load: true)
        let held = try browser.html()
        #expect(held.contains("Genomförd") || held.contains("genomförd"))
        let recorded = (clicks: browser.clicks, keystrokes: browser.keystrokes)
        print("field app: recording a forum of eight participants (one anonymous), attendance, minutes and held took "
              + "\(recorded.clicks) clicks and \(recorded.keystrokes) keystrokes")
        #expect(recorded.clicks < 60)

        // Greta Ilves (row 6) had to leave before it began: absent now, so her proposed
        // honorarium is flagged for the coordinator instead of silently staying approvable.
        try browser.click("#a6-absent", load: false)
        try browser.click("form[action$='/attendance'] button[type=submit]", load: true)
        page = try browser.html()
        #expect(page.contains("Det föreslagna arvodet"), "\(Self.notices(page))")
        #expect(page.contains("frånvarande: godkänns inte"))

        // Screenshots for the README: the forum page in Swedish at laptop and tablet widths.
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        try browser.chromium.screenshot().write(to: Self.artefacts.appendingPathComponent("app-forum-laptop.png"))
        let tablet = try HeadlessChromium(width: 800, height: 1100)
        try tablet.open(app.url)
        try tablet.open(app.base + forumPath)
        try tablet.screenshot().write(to: Self.artefacts.appendingPathComponent("app-forum-tablet.png"))
        try tablet.open(app.base + "/")
        try tablet.screenshot().write(to: Self.artefacts.appendingPathComponent("app-forums-tablet.png"))

        // The printable sheet names the anonymous attendee by pseudonym only.
        try browser.click("a[href$='/print']", load: true)
        let print = try browser.html()
        #expect(!print.contains("Kim") && !print.contains("Hemlig"))
        #expect(print.contains("Anonym deltagare 1") && print.contains("Alva Berg"))
        #expect(print.contains("Vi talade om boendestödet."))
        try browser.check()
        try browser.chromium.screenshot().write(to: Self.artefacts.appendingPathComponent("app-print.png"))

        // Sync with the server down: said plainly, and the offline banner appears.
        try browser.click("p.noprint a[href^='/forums/']", load: true)
        try browser.sync()
        page = try browser.html()
        #expect(page.contains("servern kunde inte nås"))
        #expect(page.contains("class=\"banner\""))
        // Back at the office: the server is up again at the same address.
        try server.start(port: nil)
        try browser.sync()
        page = try browser.html()
        #expect(page.range(of: #"[1-9][0-9]* ändringar skickade, [0-9]+ hämtade\."#, options: .regularExpression) != nil,
                "\(Self.notices(page))")
        #expect(!page.contains("class=\"banner\""))

        // The coordinator: sync, approve all of the forum, complete one payee, download the payment list.
        let (officeApp, coordinator) = try CountingBrowser.syncing(in: coordinatorLaptop)
        defer { officeApp.stop() }
        #expect(try coordinator.html().contains("ändringar skickade"))
        try coordinator.click("nav a[href='/honoraria']", load: true)
        try coordinator.check()
        try coordinator.click("a[href^='\(forumPath)']", load: true)
        try coordinator.check()
        try coordinator.click("form[action$='/approve-all'] button[type=submit]", load: true)
        page = try coordinator.html()
        #expect(page.contains("6 arvoden godkända."), "\(Self.notices(page))")
        #expect(page.contains("Greta Ilves: markerad som frånvarande"))

        // At the office the coordinator completes Alva Berg's payee details on her page.
        try coordinator.click("nav a[href='/participants']", load: true)
        let alva = try #require(PageChecks.firstGroup(#"<a href="/participants/([0-9a-f]{32})">Alva Berg</a>"#,
                                                      in: try coordinator.html()))
        try coordinator.click("a[href='/participants/\(alva)']", load: true)
        try coordinator.click("a[href='/participants/\(alva)/payee']", load: true)
        try coordinator.check()
        try coordinator.click("#f-identityNumber", load: false)
        try coordinator.type("811218-9876")
        try coordinator.click("#f-payout-bank", load: false)
        try coordinator.click("#f-clearing", load: false)
        try coordinator.type("8327-9")
        try coordinator.click("#f-account", load: false)
        try coordinator.type("123 456 78")
        try coordinator.click("form[action$='/payee'] button[type=submit]", load: true)
        page = try coordinator.html()
        #expect(page.contains("Utbetalningsuppgifterna är sparade."), "\(Self.notices(page))")
        #expect(page.contains("19811218-****") && !page.contains("19811218-9876"), "masked on her page")
        try coordinator.check()

        try coordinator.click("nav a[href='/payments']", load: true)
        try coordinator.check()
        let cookie = try officeApp.cookie()
        let today = StockholmTime.format(Date(), style: .date, language: .sv)
        let csv = try officeApp.fetch("/payments.csv?municipality=S%C3%B6dert%C3%A4lje&from=\(today.prefix(4))-01-01&to=\(today)", cookie: cookie)
        #expect(csv.status == 200)
        #expect(csv.headers.contains { $0.key.lowercased() == "content-disposition" && $0.value.contains("attachment") })
        let rows = CSVReader.rows(csv.body)
        let header = try #require(rows.first)
        #expect(header.first?.lowercased().contains("arvode") == true, "the header row comes first: \(header)")
        let data = rows.dropFirst().filter { !$0.allSatisfy(\.isEmpty) }
        #expect(data.count == 6, "six approved, the absent ones not: \(rows)")
        #expect(data.allSatisfy { $0.count == header.count && $0[0].count == 32 && $0[1].count >= 16 }, "ids in every row, no total row")
        #expect(!data.contains { $0.contains(where: { $0.lowercased().contains("summa") || $0.lowercased().contains("total") }) })
        // The payee columns (the last four): Alva Berg's filled from the app's form, the others empty.
        #expect(Array(header.suffix(4)) == ["Personnummer", "Utbetalning till", "Clearingnummer", "Kontonummer"], "\(header)")
        let alvaRows = data.filter { $0[1] == alva }
        #expect(alvaRows.count == 1)
        #expect(alvaRows.allSatisfy { Array($0.suffix(4)) == ["19811218-9876", "Bankkonto", "83279", "12345678"] }, "\(alvaRows)")
        #expect(data.filter { $0[1] != alva }.allSatisfy { $0.suffix(4).allSatisfy(\.isEmpty) }, "\(data)")
        // The very bytes `forum export payments` writes for the same period.
        let exported = try Tools.run("forum", ["--data", coordinatorLaptop, "--lang", "sv", "export", "payments",
                                               "--from", "\(today.prefix(4))-01-01", "--to", today])
        #expect(exported.status == 0)
        #expect(Array(exported.out.utf8) == csv.body)
        withExtendedLifetime(office) {}
    }
}

extension FieldAppBrowserTests {
    @Test(.enabled(if: canRun, "needs the built forum, forum-server and the chromium package"))
    func aConflictMadeByTwoLaptopsIsShownWithItsContextAndResolvedWithOneChoice() throws {
        let office = try Office(["facilitator", "facilitator"])
        let first = office.laptops[0], second = office.laptops[1]
        let start = StockholmTime.format(Date().addingTimeInterval(86_400), style: .dateTime, language: .sv)
        #expect(try Tools.run("forum", ["--data", first, "forum", "add", "--title", "Brukarråd december", "--start", start,
                                        "--venue", "Träffpunkten"]).status == 0)
        #expect(try Tools.run("forum", ["--data", first, "sync"]).status == 0)
        #expect(try Tools.run("forum", ["--data", second, "sync"]).status == 0)
        let listed = try Tools.run("forum", ["--data", first, "forum", "list", "--json"]).out
        let forumID = try #require(PageChecks.firstGroup(#""id":"([0-9a-f]{32})""#, in: listed))
        // Both laptops move the forum, neither having seen the other's change.
        #expect(try Tools.run("forum", ["--data", second, "forum", "edit", forumID, "--venue", "Rum B"]).status == 0)
        #expect(try Tools.run("forum", ["--data", second, "sync"]).status == 0)
        #expect(try Tools.run("forum", ["--data", first, "forum", "edit", forumID, "--venue", "Rum A"]).status == 0)

        let (app, browser) = try CountingBrowser.syncing(in: first)
        defer { app.stop() }
        #expect(try browser.html().contains("Konflikter som behöver ett val: 1"))
        try browser.click("a[href='/conflicts']", load: true)
        let page = try browser.html()
        try browser.check()
        #expect(page.contains("Mötet Brukarråd december") || page.contains("Brukarråd december"), "which forum")
        #expect(page.contains("Två olika värden för Plats"))
        let mine = try #require(PageChecks.firstGroup(#"<strong>Rum A</strong> – ([^<]*)</label>"#, in: page))
        let theirs = try #require(PageChecks.firstGroup(#"<strong>Rum B</strong> – ([^<]*)</label>"#, in: page))
        #expect(mine.hasPrefix("skrivet av den här datorn") || mine.contains("den här datorn"), "\(mine)")
        #expect(theirs.contains("en annan dator"), "\(theirs)")
        let choice = try #require(PageChecks.firstGroup(#"<label for="(c0-0-\d)"><input[^>]*> <strong>Rum B</strong>"#, in: page))
        try browser.click("#\(choice)", load: false)
        try browser.click("form[action='/conflicts/resolve'] button[type=submit]", load: true)
        #expect(try browser.html().contains("Konflikten är löst."))
        #expect(try Tools.run("forum", ["--data", first, "conflicts", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

        // The choice reaches the other laptop through the server.
        try browser.click("nav a[href='/sync']", load: true)
        try browser.sync()
        #expect(try Tools.run("forum", ["--data", second, "sync"]).status == 0)
        let shown = try Tools.run("forum", ["--data", second, "forum", "list", "--json"]).out
        #expect(shown.contains("\"venue\":\"Rum B\""))
        #expect(try Tools.run("forum", ["--data", second, "conflicts", "--json"]).out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        withExtendedLifetime(office) {}
    }

    /// The notices of a page, for failure messages.
    static func notices(_ html: String) -> [String] { PageChecks.matches(#"<p class="notice[^"]*"[^>]*>[^<]*</p>"#, in: html) }
}

/// The browser with every click and keystroke counted (what a person would do).
final class CountingBrowser {
    let chromium: HeadlessChromium
    private(set) var clicks = 0
    private(set) var keystrokes = 0

    init(_ chromium: HeadlessChromium) { self.chromium = chromium }

    /// `forum app` on the laptop in `data`, opened in a laptop-wide browser that has
    /// pressed "Synka nu" once.
    static func syncing(in data: String) throws -> (AppProcess, CountingBrowser) {
        let app = try AppProcess(data: data)
        let browser = try CountingBrowser(HeadlessChromium(width: 1280, height: 900))
        try browser.open(app.url)
        try browser.sync()
        return (app, browser)
    }

    func open(_ url: String) throws { try chromium.open(url) }
    func url() throws -> String { try chromium.url() }
    func html() throws -> String { try chromium.html() }

    func click(_ selector: String, load: Bool) throws {
        clicks += 1
        try chromium.click(selector, waitForLoad: load)
    }

    func type(_ text: String) throws {
        keystrokes += text.count
        try chromium.type(text)
    }

    /// Presses "Synka nu" and follows the progress page, which reloads itself every second
    /// with no JavaScript, until it has moved on to the result (`/sync?done=synced`).
    func sync(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try click("form[action='/sync'] button[type=submit]", load: true)
        for _ in 0..<600 where !((try? chromium.url()) ?? "").hasSuffix("/sync?done=synced") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try chromium.url().hasSuffix("/sync?done=synced"), "the progress page ends on the result", sourceLocation: sourceLocation)
        // The result page may still be loading; it has once its result or failure is there.
        for _ in 0..<50 where !((try? chromium.html()) ?? "").contains("class=\"notice") { Thread.sleep(forTimeInterval: 0.1) }
    }

    /// The page as the browser has it passes `PageChecks`.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let html = try chromium.html(), url = try chromium.url()
        #expect(PageChecks.problems(html) == [], "\(url)", sourceLocation: sourceLocation)
    }
}
