import AdminDashboard
import Foundation
import Glibc
import Testing
import SyncCore
import TestSupport
@testable import SyncServer

/// The admin dashboard end to end: the real `forum-server` process, a real headless
/// Chromium with JavaScript turned off, the login link from `forum-server admin login-link`,
/// and the server database checked afterwards.
@Suite(.serialized) struct DashboardBrowserTests {
    private static let executable = BuiltProducts.executable("forum-server")
    private static let canRun = FileManager.default.isExecutableFile(atPath: executable.path) && HeadlessChromium.executable != nil

    /// `<package>/artefacts/screenshots`, git-ignored.
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("artefacts/screenshots")

    @Test(.enabled(if: canRun, "needs the built forum-server and the chromium package"))
    func adminLogsInOpensAConflictAndResolvesItInTheBrowser() throws {
        let directory = try TemporaryDirectory(prefix: "dashboard-browser")
        let data = directory.url.path
        let database = try ServerStore(directory: data, policy: ForumPolicy())
        let chosen = try Self.seed(database)

        let server = try SpawnedServer(executable: Self.executable, data: data)
        defer { server.stop() }
        let link = try server.run(["--data", data, "--public-url", server.baseURL, "admin", "login-link"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(link.hasPrefix(server.baseURL + "/admin/login?token="))

        let browser = try HeadlessChromium(width: 1280, height: 900)
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)

        // The link opens a session and lands on the overview.
        try browser.open(link)
        #expect(try browser.url() == server.baseURL + "/admin")
        let overview = try browser.html()
        #expect(overview.contains("<h1>Översikt</h1>"))
        #expect(overview.contains("<span class=\"big\">2</span>öppna konflikter"))
        #expect(overview.components(separatedBy: "<g class=\"day\"").count - 1 == 14)
        #expect(!overview.contains("Kim"))
        try browser.screenshot().write(to: Self.artefacts.appendingPathComponent("overview.png"))

        // A used link opens nothing.
        let again = try server.fetch(link)
        #expect(again.status == 403)

        // Navigation by real clicks: the conflicts list, then the participant's record.
        try browser.click("nav a[href='/admin/conflicts']", waitForLoad: true)
        #expect(try browser.html().contains("<h1>Konflikter och granskning</h1>"))
        try browser.click("a[href='/admin/conflicts/participant/p1']", waitForLoad: true)
        let detail = try browser.html()
        #expect(detail.contains("Anonym deltagare 1"))
        #expect(!detail.contains("Kim"), "an anonymous participant's name must not reach the admin")
        #expect(detail.contains("Bo's &lt;iPad&gt;") || detail.contains("Bo&#39;s &lt;iPad&gt;"))
        try browser.screenshot().write(to: Self.artefacts.appendingPathComponent("conflict.png"))

        // Keep Bo's value, chosen by its label, and submit the form.
        try browser.click("input[type=radio][value='\(chosen)']", waitForLoad: false)
        try browser.click("form[action='/admin/conflicts/participant/p1/resolve'] button[type=submit]", waitForLoad: true)
        let after = try browser.html()
        #expect(after.contains("Konflikten är löst."))
        #expect(try browser.url().hasSuffix("/admin/conflicts/participant/p1?done=resolved"))

        // The server database: the conflict is gone and the kept value is the server's write.
        let remaining = try database.conflictDesk.conflicts(ConflictQuery(limit: 10), language: .sv).rows.map(\.conflictID)
        #expect(remaining == ["forum/f1"])
        let state = try #require(try database.store.state(collection: "participant", id: "p1"))
        #expect(!state.hasConflict)
        #expect(state["displayName"] == "Kim A.")
    }

    @Test(.enabled(if: canRun, "needs the built forum-server and the chromium package"))
    func adminEnrolsADeviceWhoseCodeWorksAndRevokesItInTheBrowser() throws {
        let directory = try TemporaryDirectory(prefix: "dashboard-devices")
        let data = directory.url.path
        let database = try ServerStore(directory: data, policy: ForumPolicy())
        let server = try SpawnedServer(executable: Self.executable, data: data)
        defer { server.stop() }
        let link = try server.run(["--data", data, "--public-url", server.baseURL, "admin", "login-link"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let browser = try HeadlessChromium(width: 1280, height: 900)
        try browser.open(link)
        try browser.click("nav a[href='/admin/devices']", waitForLoad: true)
        #expect(try browser.html().contains("Lägg till en enhet"))

        // The enrol form, filled in by typing, as an admin would.
        try browser.click("#d-name", waitForLoad: false)
        try browser.type("Mottagningens laptop")
        try browser.click("#d-municipalities", waitForLoad: false)
        try browser.type("Södertälje, Nykvarn")
        try browser.click("form[action='/admin/devices'] button[type=submit]", waitForLoad: true)
        let enrolled = try browser.html()
        #expect(enrolled.contains("Engångskod för Mottagningens laptop"))
        let code = try #require(Self.shownCode(in: enrolled))
        try FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        try browser.screenshot().write(to: Self.artefacts.appendingPathComponent("devices-enrolled.png"))

        // The code shown is the one the app enrols with, for the municipalities typed.
        let enrolment = try database.deviceRegistry.enroll(code: code)
        #expect(enrolment.device.name == "Mottagningens laptop")
        #expect(enrolment.device.municipalities == ["Södertälje", "Nykvarn"])
        #expect(try database.deviceRegistry.authenticate(token: enrolment.token).id == enrolment.device.id)

        // Revoking asks first, then takes effect at once: the token stops working.
        try browser.open(server.baseURL + "/admin/devices")
        try browser.click("a[href='/admin/devices/\(enrolment.device.id)/revoke']", waitForLoad: true)
        #expect(try browser.html().contains("Vill du spärra Mottagningens laptop"))
        try browser.click("form[action='/admin/devices/\(enrolment.device.id)/revoke'] button[type=submit]", waitForLoad: true)
        #expect(try browser.url().hasSuffix("/admin/devices?done=revoked"))
        #expect(try database.deviceRegistry.devices().first { $0.id == enrolment.device.id }?.revokedAt != nil)
        do {
            _ = try database.deviceRegistry.authenticate(token: enrolment.token)
            Issue.record("a revoked device's token still works")
        } catch { #expect(error.code == "device_revoked") }
    }

    /// The one-time code in the enrol form's answer (`<p class="code">…</p>`).
    static func shownCode(in html: String) -> String? {
        guard let start = html.range(of: "<p class=\"code\">"),
              let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    /// Two devices, a forum title and an anonymous participant's name edited concurrently.
    /// - Returns: the value id of Bo's name.
    static func seed(_ database: ServerStore) throws -> String {
        let anna = try database.deviceRegistry.enroll(code: try database.deviceRegistry.addDevice(name: "Annas laptop", role: "facilitator",
                                                                   municipalities: ["Södertälje"]).code).device
        let bo = try database.deviceRegistry.enroll(code: try database.deviceRegistry.addDevice(name: "Bo's <iPad>", role: "coordinator",
                                                                 municipalities: ["Södertälje"]).code).device
        let a = try #require(ReplicaID(anna.id)), b = try #require(ReplicaID(bo.id))
        let meeting = try Records.meeting(name: "Kim Andersson", anonymous: true, by: a)
        _ = try database.syncLedger.push(body: ServerFixture.pushBody(meeting, batch: "seed"), device: anna)
        let later = HybridTimestamp(wallMillis: Records.start.wallMillis + 60_000)
        let annaForum = try Records.make("forum", "f1", ["title": "Brukarråd mars"], by: a, base: meeting[0], at: later)
        let boForum = try Records.make("forum", "f1", ["title": "Brukarråd i mars"], by: b, base: meeting[0], at: later)
        let annaName = try Records.make("participant", "p1", ["displayName": "Kim Andersson-Berg"], by: a, base: meeting[1], at: later)
        let boName = try Records.make("participant", "p1", ["displayName": "Kim A."], by: b, base: meeting[1], at: later)
        _ = try database.syncLedger.push(body: ServerFixture.pushBody([annaForum, annaName], batch: "a1"), device: anna)
        _ = try database.syncLedger.push(body: ServerFixture.pushBody([boForum, boName], batch: "b1"), device: bo)
        let detail = try #require(try database.conflictDesk.conflict("participant/p1", language: .sv))
        return try #require(detail.fields.first?.values.first { $0.writerName == "Bo's <iPad>" }?.valueID)
    }
}

/// A `forum-server serve` process on an ephemeral port.
final class SpawnedServer: @unchecked Sendable {
    let process = Process()
    let executable: URL
    let baseURL: String

    init(executable: URL, data: String) throws {
        self.executable = executable
        process.executableURL = executable
        process.arguments = ["--data", data, "serve", "--host", "127.0.0.1", "--port", "0"]
        process.environment = ["LANG": "C"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = ""
        while !line.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = line.range(of: "listening on ") else { throw RawHTTPClientError(message: "server did not start") }
        baseURL = String(line[range.upperBound...].prefix { !$0.isWhitespace })
    }

    /// Runs another `forum-server` command to completion and returns its standard output.
    func run(_ arguments: [String]) throws -> String {
        let command = Process()
        command.executableURL = executable
        command.arguments = arguments
        command.environment = ["LANG": "C"]
        let out = Pipe()
        command.standardOutput = out
        command.standardError = FileHandle.nullDevice
        try command.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        command.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A plain GET without cookies, for checks outside the browser.
    func fetch(_ url: String) throws -> RawHTTPResponse {
        guard let port = UInt16(baseURL.split(separator: ":").last ?? ""), let path = url.range(of: baseURL).map({ String(url[$0.upperBound...]) })
        else { throw RawHTTPClientError(message: "bad url") }
        return try requireValue(try RawHTTPClient(port: port).request("GET", path))
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
