import AdminDashboard
import ForumModel
import Foundation
import HTTPServer
import Testing
import TestSupport
@testable import SyncServer
import WebPage

/// The real server's dashboard over its database, answering requests in process, with a
/// logged-in admin session (Swedish pages).
struct InProcessDashboard {
    let database: ServerStore
    let dashboard: AdminDashboard
    private(set) var cookie: String?

    init(_ database: ServerStore) throws {
        self.database = database
        dashboard = AdminDashboard(dataSource: ServerDashboardSource(database: database),
                                   configuration: DashboardConfiguration(publicURL: database.configuration.dashboard.publicURL))
        let token = try #require(try database.deviceRegistry.createLoginLink().url.split(separator: "=").last)
        let login = send(.get, "/admin/login?token=\(token)")
        cookie = try #require(login.headers["Set-Cookie"]?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last)
            .map(String.init)
    }

    func send(_ method: HTTPMethod, _ target: String, form: [(String, String)] = []) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers["Cookie"] = "forum_admin=\(cookie)" }
        headers["Accept-Language"] = "sv"
        var query: [String: String] = [:]
        if let mark = target.firstIndex(of: "?") {
            for pair in target[target.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                query[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
            }
        }
        var body: [UInt8] = []
        if method == .post {
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = Array(form.map { "\(HTML.urlComponent($0.0))=\(HTML.urlComponent($0.1))" }.joined(separator: "&").utf8)
        }
        return dashboard.handle(HTTPRequest(method: method, target: target, query: query, headers: headers, body: body))
            ?? HTTPResponse(status: .notFound)
    }

    /// The page's text.
    func text(_ target: String) -> String { String(decoding: send(.get, target).body, as: UTF8.self) }

    /// The CSRF token of the forms on `target`.
    func csrf(on target: String) throws -> String {
        let page = text(target), marker = "name=\"csrf\" value=\""
        return String(try #require(page.range(of: marker).map { page[$0.upperBound...] })?.prefix { $0 != "\"" } ?? "")
    }
}

/// Enrolling and revoking devices in the dashboard, over the real server's database, in process.
@Suite struct DashboardEnrolmentTests {
    @Test func anUnknownMunicipalityIsRefusedWithTheNearestKnownNames() throws {
        let directory = try TemporaryDirectory(prefix: "dashboard-enrol")
        let database = try ServerStore(directory: directory.path("data"), policy: ForumPolicy())
        let admin = try InProcessDashboard(database)
        let csrf = try admin.csrf(on: "/admin/devices")
        let refused = admin.send(.post, "/admin/devices",
                                 form: [("csrf", csrf), ("name", "Surfplatta"), ("role", "facilitator"), ("municipalities", "Sodertalje")])
        #expect(refused.status.code == 400)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("Menade du: Södertälje"))
        #expect(try database.deviceRegistry.devices().isEmpty)

        let accepted = admin.send(.post, "/admin/devices",
                                  form: [("csrf", csrf), ("name", "Surfplatta"), ("role", "facilitator"), ("municipalities", "Södertälje")])
        #expect(accepted.status.code == 200)
        #expect(try database.deviceRegistry.devices().map(\.municipalities) == [["Södertälje"]])
    }

    @Test func revokeAndWipeIsChosenInTheDashboardAndShownUntilTheDeviceReports() throws {
        let directory = try TemporaryDirectory(prefix: "dashboard-wipe")
        let database = try ServerStore(directory: directory.path("data"), policy: ForumPolicy())
        let added = try database.deviceRegistry.addDevice(name: "Surfplatta", role: "facilitator", municipalities: ["Södertälje"])
        let enrolment = try database.deviceRegistry.enroll(code: added.code)
        let admin = try InProcessDashboard(database)
        let revokePage = "/admin/devices/\(enrolment.device.id)/revoke"
        let confirm = admin.text(revokePage)
        #expect(confirm.contains("name=\"wipe\"") && confirm.contains("<label for=\"wipe\">"))
        _ = admin.send(.post, revokePage, form: [("csrf", try admin.csrf(on: revokePage)), ("wipe", "yes")])
        #expect(admin.text("/admin/devices").contains("Spärrad, radering väntar"))
        #expect(throws: SyncServerError.self) { try database.deviceRegistry.authenticate(token: enrolment.token, wipedRecords: 7) }
        #expect(admin.text("/admin/devices").contains("Spärrad och raderad (7 poster)"))
        #expect(try database.recordsOffice.auditTrail().map(\.action)
                == ["device_add", "dashboard_login", "device_revoke_wipe", "device_wipe_confirmed"])
        let audit = admin.text("/admin/audit")
        #expect(audit.contains("enheten bekräftade raderingen") && audit.contains("loggade in i adminpanelen"))
        #expect(audit.contains(enrolment.device.id) && !audit.contains("Surfplatta"))
    }
}
