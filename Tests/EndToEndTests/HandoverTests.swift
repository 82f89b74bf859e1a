import Foundation
import Testing
import TestSupport

/// Handing work over (issue 16, finding 3): a revoked device's unsynced work reaches the
/// server through another device's `forum import`, and a laptop enrolled again on the same
/// data directory keeps its unsynced work by itself.
@Suite(.serialized) struct HandoverTests {
    let directory: TemporaryDirectory
    let server: ServerProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "forum-e2e-handover")
        server = try ServerProcess(data: directory.path("server"))
    }

    func enrol(_ name: String, _ role: String) throws -> Device {
        try Device.enrol(name, role: role, in: directory.url.path, server: server)
    }

    func pending(_ device: Device) throws -> Int? { (try device.json(["status"]) as? [String: Any])?["pending"] as? Int }

    @Test func aRevokedDevicesWorkImportedOnAnotherDeviceReachesTheServerAndEveryone() throws {
        let a = try enrol("a", "facilitator"), b = try enrol("b", "facilitator"), c = try enrol("c", "coordinator")
        try a.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        try a.sync(); try b.sync()
        let forum = try #require(try a.ids(["forum", "list"]).first)
        // Offline on A: a new participant attends (attendance and honorarium follow), and
        // the forum is renamed, while the coordinator renames it too (a concurrent change).
        try a.ok(["participant", "add", "Anna Berg"])
        let anna = try #require(try a.ids(["participant", "find", "Anna Berg"]).first)
        try a.ok(["attend", forum, anna, "--role", "participant"])
        try a.ok(["forum", "edit", forum, "--venue", "Stadshuset"])
        try c.sync()
        try c.ok(["forum", "edit", forum, "--title", "Deltagarforum 4"])
        try c.sync()
        let handed = try #require(try pending(a))
        #expect(handed == 4)

        let replica = try #require((try a.json(["status"]) as? [String: Any])?["replica"] as? String)
        #expect(try server.admin(["device", "revoke", replica]).status == 0)
        let refused = try a.run(["sync"])
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("forum import changes.json"))
        let file = directory.path("changes.json")
        let export = try a.run(["export", "replica", "--pending", "--json"])
        #expect(FileManager.default.createFile(atPath: file, contents: Data(export.stdoutBytes), attributes: [.posixPermissions: 0o600]))

        let imported = try b.ok(["import", file])
        #expect(imported.contains("Taken over: 4 records written as new changes on this device, 0 already here, 0 refused."))
        #expect(try pending(b) == 4)
        try b.sync()
        try c.sync()
        try b.sync()
        #expect(try pending(b) == 0)

        // The server and the coordinator's laptop hold A's work, under B's replica id...
        #expect(try c.ids(["participant", "find", "Anna Berg"]) == [anna])
        #expect(try c.ids(["honorarium", "list"]).count == 1)
        let shown = try c.ok(["show", forum])
        #expect(shown.contains("Stadshuset") && shown.contains("Deltagarforum 4"))
        #expect(try b.export() == c.export())
        // ...and importing the same file again changes nothing.
        #expect(try b.ok(["import", file]).contains("0 records written as new changes on this device, 4 already here"))
    }

    @Test func aReEnrolledLaptopKeepsItsUnsyncedWorkUnderItsNewIdentity() throws {
        let a = try enrol("a", "facilitator"), c = try enrol("c", "coordinator")
        try a.ok(["forum", "add", "--title", "Brukarråd", "--start", "2026-11-24 13:00", "--amount", "500"])
        try a.sync()
        let forum = try #require(try a.ids(["forum", "list"]).first)
        try a.ok(["participant", "add", "Bo Ek"])
        try a.ok(["forum", "edit", forum, "--venue", "Biblioteket"])
        let old = try #require((try a.json(["status"]) as? [String: Any])?["replica"] as? String)
        #expect(try server.admin(["device", "revoke", old]).status == 0)

        let enrolled = try a.run(["enroll", server.url, try server.addDevice(role: "facilitator")])
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        #expect(enrolled.stdout.contains("2 unsynced changes were kept"))
        let new = try #require((try a.json(["status"]) as? [String: Any])?["replica"] as? String)
        #expect(new != old)
        #expect(try pending(a) == 2)
        try a.sync()
        #expect(try pending(a) == 0)
        try c.sync()
        #expect(try c.ids(["participant", "find", "Bo Ek"]).count == 1)
        #expect(try c.ok(["show", forum]).contains("Biblioteket"))
        #expect(try a.export() == c.export(), "nothing of the old identity's unsent writes is left on the laptop")
    }

    /// Issue 19: a coordinator's laptop enrolled again as a facilitator's keeps no payee,
    /// neither a synced one nor one it had not sent yet.
    @Test func aCoordinatorsLaptopEnrolledAgainAsAFacilitatorsLetsItsPayeesGo() throws {
        let c = try enrol("c", "coordinator")
        try c.ok(["participant", "add", "Bo Ek"])
        try c.ok(["participant", "add", "Cecilia"])
        let people = try c.ids(["participant", "list"])
        try c.ok(["payee", "set", people[0], "--personnummer", "811218-9876", "--payroll"])
        try c.sync()
        try c.ok(["payee", "set", people[1], "--personnummer", "850709-9805", "--clearing", "6000", "--account", "5550001"])
        let old = try #require((try c.json(["status"]) as? [String: Any])?["replica"] as? String)
        #expect(try server.admin(["device", "revoke", old]).status == 0)

        let enrolled = try c.run(["enroll", server.url, try server.addDevice(role: "facilitator")])
        #expect(enrolled.status == 0, "\(enrolled.stderr)")
        let export = String(decoding: try c.export(), as: UTF8.self)
        for text in ["payee", "19811218-9876", "19850709-9805", "5550001"] { #expect(!export.contains(text), "\(text)") }
        try c.sync()
        #expect(!String(decoding: try c.export(), as: UTF8.self).contains("payee"))
        #expect(try c.ids(["participant", "list"]).count == 2)
    }
}
