import Foundation
import Testing
import TestSupport

/// Revoke and wipe (issue 17), with real processes: the device removes its synced records
/// at its next contact, keeps its unsynced changes for export, says so, and reports the
/// count, which `device list` and the audit trail show.
@Suite(.serialized) struct WipeTests {
    @Test func aRevokedAndWipedLaptopRemovesItsSyncedDataAndKeepsItsUnsyncedWork() throws {
        let directory = try TemporaryDirectory(prefix: "forum-wipe")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        try a.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        try a.ok(["participant", "add", "Synkad Markörsson"])
        try a.sync()
        try a.ok(["participant", "add", "Osynkad Person"])
        let listed = try server.admin(["device", "list", "--json"])
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let id = try #require(devices.first?["id"] as? String)
        #expect(try server.admin(["device", "revoke", id, "--wipe"]).status == 0)

        let sync = try a.run(["sync"])
        #expect(sync.status == 3)
        #expect(sync.stderr.contains("2 records the server already holds are now removed"), "\(sync.stderr)")
        #expect(sync.stderr.contains("Your 1 changes that were not synced are kept"))
        let export = String(decoding: try a.run(["export", "replica", "--json"]).stdoutBytes, as: UTF8.self)
        #expect(!export.contains("Markörsson") && export.contains("Osynkad Person"))
        let replica = try Data(contentsOf: URL(fileURLWithPath: a.data + "/replica.sqlite"))
        #expect(replica.range(of: Data("Markörsson".utf8)) == nil)

        let after = try server.admin(["device", "list", "--json"])
        let state = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]]).first
        #expect(state?["state"] as? String == "wiped" && state?["wipedRecords"] as? Int == 2)
        let audit = try server.admin(["audit", "--json"]).stdout
        #expect(audit.contains("device_revoke_wipe") && audit.contains("device_wipe_confirmed"))
        // Later contacts are told plainly that the device is revoked; nothing more goes.
        let again = try a.run(["sync"])
        #expect(again.status == 3 && again.stderr.contains("revoked"))
        #expect(String(decoding: try a.run(["export", "replica", "--json"]).stdoutBytes, as: UTF8.self).contains("Osynkad Person"))
    }
}
