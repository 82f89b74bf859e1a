import AdminDashboard
import ForumModel
import Foundation
import HTTPServer
import Testing
import TestSupport
@testable import SyncServer

/// Enrolling a device in the dashboard, over the real server's database, in process.
@Suite struct DashboardEnrolmentTests {
    @Test func anUnknownMunicipalityIsRefusedWithTheNearestKnownNames() throws {
        let directory = try TemporaryDirectory(prefix: "dashboard-enrol")
        let database = try ServerDatabase(directory: directory.path("data"), policy: ForumPolicy())
        let dashboard = AdminDashboard(dataSource: ServerDashboardSource(database: database),
                                       configuration: DashboardConfiguration(publicURL: database.configuration.dashboard.publicURL))
        func send(_ method: HTTPMethod, _ target: String, cookie: String?, form: [(String, String)] = []) -> HTTPResponse {
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
        let link = try database.createLoginLink().url
        let token = try #require(link.split(separator: "=").last)
        let login = send(.get, "/admin/login?token=\(token)", cookie: nil)
        let cookie = try #require(login.headers["Set-Cookie"]?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last)
        let page = String(decoding: send(.get, "/admin/devices", cookie: String(cookie)).body, as: UTF8.self)
        let marker = "name=\"csrf\" value=\""
        let csrf = String(try #require(page.range(of: marker).map { page[$0.upperBound...] })?.prefix { $0 != "\"" } ?? "")

        let refused = send(.post, "/admin/devices", cookie: String(cookie),
                           form: [("csrf", csrf), ("name", "Surfplatta"), ("role", "facilitator"), ("municipalities", "Sodertalje")])
        #expect(refused.status.code == 400)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("Menade du: Södertälje"))
        #expect(try database.devices().isEmpty)

        let accepted = send(.post, "/admin/devices", cookie: String(cookie),
                            form: [("csrf", csrf), ("name", "Surfplatta"), ("role", "facilitator"), ("municipalities", "Södertälje")])
        #expect(accepted.status.code == 200)
        #expect(try database.devices().map(\.municipalities) == [["Södertälje"]])
    }

    @Test func revokeAndWipeIsChosenInTheDashboardAndShownUntilTheDeviceReports() throws {
        let directory = try TemporaryDirectory(prefix: "dashboard-wipe")
        let database = try ServerDatabase(directory: directory.path("data"), policy: ForumPolicy())
        let added = try database.addDevice(name: "Surfplatta", role: "facilitator", municipalities: ["Södertälje"])
        let enrolment = try database.enroll(code: added.code)
        let dashboard = AdminDashboard(dataSource: ServerDashboardSource(database: database),
                                       configuration: DashboardConfiguration(publicURL: database.configuration.dashboard.publicURL))
        func send(_ method: HTTPMethod, _ target: String, cookie: String?, form: [(String, String)] = []) -> String {
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
            let response = dashboard.handle(HTTPRequest(method: method, target: target, query: query, headers: headers, body: body))
            return (response.map { ($0.headers["Set-Cookie"] ?? "") + "\n" + String(decoding: $0.body, as: UTF8.self) }) ?? ""
        }
        let token = try #require(try database.createLoginLink().url.split(separator: "=").last)
        let login = send(.get, "/admin/login?token=\(token)", cookie: nil)
        let cookie = String(try #require(login.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last))
        let confirm = send(.get, "/admin/devices/\(enrolment.device.id)/revoke", cookie: cookie)
        #expect(confirm.contains("name=\"wipe\"") && confirm.contains("<label for=\"wipe\">"))
        let marker = "name=\"csrf\" value=\""
        let csrf = String(try #require(confirm.range(of: marker).map { confirm[$0.upperBound...] })?.prefix { $0 != "\"" } ?? "")
        _ = send(.post, "/admin/devices/\(enrolment.device.id)/revoke", cookie: cookie, form: [("csrf", csrf), ("wipe", "yes")])
        #expect(send(.get, "/admin/devices", cookie: cookie).contains("Spärrad, radering väntar"))
        #expect(throws: SyncServerError.self) { try database.authenticate(token: enrolment.token, wipedRecords: 7) }
        #expect(send(.get, "/admin/devices", cookie: cookie).contains("Spärrad och raderad (7 poster)"))
        #expect(try database.auditTrail().map(\.action)
                == ["device_add", "dashboard_login", "device_revoke_wipe", "device_wipe_confirmed"])
        let audit = send(.get, "/admin/audit", cookie: cookie)
        #expect(audit.contains("enheten bekräftade raderingen") && audit.contains("loggade in i adminpanelen"))
        #expect(audit.contains(enrolment.device.id) && !audit.contains("Surfplatta"))
    }
}
