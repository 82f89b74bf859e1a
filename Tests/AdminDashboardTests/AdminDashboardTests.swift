@testable import AdminDashboard
import HTTPServer
import Testing

@Suite("AdminDashboard: routing, login links, sessions, CSRF, headers, language")
struct AdminDashboardTests {
    @Test func leavesPathsOutsideAdminToTheCaller() {
        let harness = DashboardHarness()
        for path in ["/v1/sync/pull", "/healthz", "/administrator", "/"] {
            #expect(harness.dashboard.handle(HTTPRequest(method: .get, target: path)) == nil, "\(path)")
        }
    }

    @Test func redirectsEveryPageToTheLoginNoticeWithoutASession() {
        let harness = DashboardHarness()
        for path in ["/admin", "/admin/", "/admin/conflicts", "/admin/conflicts/forum/f1", "/admin/devices",
                     "/admin/devices/dev-a/revoke", "/admin/nonexistent"] {
            let response = harness.get(path)
            #expect(response.status == .seeOther, "\(path)")
            #expect(response.headers["Location"] == "/admin/login-notice", "\(path)")
        }
        let post = harness.post("/admin/devices/dev-a/revoke", form: [("csrf", "x")], cookie: "f".padding(toLength: 64, withPad: "f", startingAt: 0))
        #expect(post.status == .seeOther)
    }

    @Test func loginNoticeExplainsHowToGetALink() {
        let response = DashboardHarness().get("/admin/login-notice")
        #expect(response.status == .ok)
        #expect(response.text.contains("forum-server admin login-link"))
        #expect(!response.text.contains("Logga ut"))
    }

    @Test func validLinkOpensASessionWithAStrictHttpOnlyCookie() throws {
        let harness = DashboardHarness()
        let response = harness.get("/admin/login?token=\(harness.newLink().token)")
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"] == "/admin")
        let cookie = try #require(response.headers["Set-Cookie"])
        #expect(cookie.hasPrefix("forum_admin="))
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/admin"] { #expect(cookie.contains(attribute)) }
        #expect(!cookie.contains("Secure"))
        let value = String(cookie.split(separator: ";")[0].dropFirst("forum_admin=".count))
        #expect(harness.get("/admin", cookie: value).status == .ok)
    }

    @Test func cookieIsSecureWhenThePublicURLIsHTTPS() throws {
        let harness = DashboardHarness(configuration: DashboardConfiguration(publicURL: "https://forum.example.se/"))
        #expect(harness.dashboard.configuration.publicURL == "https://forum.example.se")
        let response = harness.get("/admin/login?token=\(harness.newLink().token)")
        #expect(try #require(response.headers["Set-Cookie"]).contains("; Secure"))
    }

    @Test func usedLinkCannotBeReused() {
        let harness = DashboardHarness()
        let token = harness.newLink().token
        #expect(harness.get("/admin/login?token=\(token)").status == .seeOther)
        let again = harness.get("/admin/login?token=\(token)")
        #expect(again.status == .forbidden)
        #expect(again.headers["Set-Cookie"] == nil)
        #expect(again.text.contains("redan använts"))
    }

    @Test func expiredLinkShowsAClearMessage() {
        let harness = DashboardHarness()
        let token = harness.newLink().token
        harness.now += 601_000
        let response = harness.get("/admin/login?token=\(token)", language: "en")
        #expect(response.status == .forbidden)
        #expect(response.headers["Set-Cookie"] == nil)
        #expect(response.text.contains("The login link has expired."))
    }

    @Test func unknownOrMalformedLinkOpensNothing() {
        let harness = DashboardHarness()
        for target in ["/admin/login", "/admin/login?token=abc", "/admin/login?token=" + String(repeating: "0", count: 64)] {
            let response = harness.get(target)
            #expect(response.status == .forbidden, "\(target)")
            #expect(response.text.contains("okänd eller felaktig"), "\(target)")
        }
    }

    @Test func sessionEndsAfterInactivityButActivityKeepsItAlive() throws {
        let harness = DashboardHarness()
        let cookie = try harness.login()
        harness.now += 20 * 60_000
        #expect(harness.get("/admin", cookie: cookie).status == .ok)
        harness.now += 20 * 60_000
        #expect(harness.get("/admin", cookie: cookie).status == .ok)
        harness.now += 31 * 60_000
        #expect(harness.get("/admin", cookie: cookie).status == .seeOther)
        harness.now += 60_000
        #expect(harness.get("/admin", cookie: cookie).status == .seeOther)
    }

    @Test func logoutEndsTheSession() throws {
        let harness = DashboardHarness()
        let cookie = try harness.login()
        let csrf = try DashboardHarness.csrf(in: harness.get("/admin", cookie: cookie))
        let response = harness.post("/admin/logout", form: [("csrf", csrf)], cookie: cookie)
        #expect(response.status == .seeOther)
        #expect(response.headers["Location"] == "/admin/login-notice?done=logged_out")
        #expect(try #require(response.headers["Set-Cookie"]).contains("Max-Age=0"))
        #expect(harness.get("/admin", cookie: cookie).status == .seeOther)
        #expect(harness.get("/admin/login-notice?done=logged_out").text.contains("Du är utloggad."))
    }

    @Test func postWithoutOrWithWrongCSRFTokenIsForbiddenAndChangesNothing() throws {
        let harness = DashboardHarness()
        harness.source.addDevice(Fixtures.device("dev-a", name: "A"))
        try harness.source.addConflict(collection: "forum", id: "f1", base: ["title": "T"], a: ["title": "A"],
                                       b: ["title": "B"], sinceMillis: 1000)
        let cookie = try harness.login()
        let csrf = try DashboardHarness.csrf(in: harness.get("/admin", cookie: cookie))
        let wrong = String(csrf.reversed())
        for form in [[(String, String)](), [("csrf", wrong)], [("csrf", "")], [("csrf", String(csrf.dropLast()))]] {
            #expect(harness.post("/admin/devices/dev-a/revoke", form: form, cookie: cookie).status == .forbidden)
            #expect(harness.post("/admin/conflicts/forum/f1/resolve", form: form + [("field", "title"), ("choice", "new"),
                                                                                    ("newValue", "X")], cookie: cookie).status == .forbidden)
            #expect(harness.post("/admin/devices", form: form + [("name", "N"), ("role", "admin"), ("municipalities", "Lund")],
                                 cookie: cookie).status == .forbidden)
            #expect(harness.post("/admin/logout", form: form, cookie: cookie).status == .forbidden)
        }
        #expect(harness.source.revoked.isEmpty)
        #expect(harness.source.resolutions.isEmpty)
        #expect(harness.source.deviceList.count == 1)
        #expect(harness.get("/admin", cookie: cookie).status == .ok)
        // The token of another session does not work either.
        let other = try harness.login()
        let otherToken = try DashboardHarness.csrf(in: harness.get("/admin", cookie: other))
        #expect(harness.post("/admin/devices/dev-a/revoke", form: [("csrf", otherToken)], cookie: cookie).status == .forbidden)
        #expect(harness.post("/admin/devices/dev-a/revoke", form: [("csrf", csrf)], cookie: cookie).status == .seeOther)
        #expect(harness.source.revoked == ["dev-a"])
    }

    @Test func everyResponseCarriesTheSecurityHeaders() throws {
        let harness = DashboardHarness()
        let cookie = try harness.login()
        for response in [harness.get("/admin"), harness.get("/admin/login-notice"), harness.get("/admin/login?token=x"),
                         harness.get("/admin", cookie: cookie), harness.get("/admin/nope", cookie: cookie)] {
            #expect(response.headers["Content-Security-Policy"]
                    == "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["Referrer-Policy"] == "no-referrer")
            #expect(response.headers["Cache-Control"] == "no-store")
        }
    }

    @Test func speaksSwedishByDefaultAndEnglishWhenPreferred() throws {
        let harness = DashboardHarness()
        let cookie = try harness.login()
        let swedish = harness.get("/admin", cookie: cookie).text
        #expect(swedish.contains("<html lang=\"sv\">") && swedish.contains(">Översikt</h1>") && swedish.contains("Logga ut"))
        let english = harness.get("/admin", cookie: cookie, language: "en-GB,en;q=0.9").text
        #expect(english.contains("<html lang=\"en\">") && english.contains(">Overview</h1>") && english.contains("Log out"))
        #expect(harness.get("/admin", cookie: cookie, language: "en;q=0.5, sv").text.contains("<html lang=\"sv\">"))
        #expect(harness.get("/admin", cookie: cookie, language: "de, fr").text.contains("<html lang=\"sv\">"))
    }

    @Test func unknownPagesAndMethodsAreRefusedWithASession() throws {
        let harness = DashboardHarness()
        let cookie = try harness.login()
        #expect(harness.get("/admin/nope", cookie: cookie).status == .notFound)
        var put = HTTPRequest(method: .put, target: "/admin")
        put.headers["Cookie"] = "forum_admin=\(cookie)"
        let response = harness.send(put)
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, POST")
    }
}
