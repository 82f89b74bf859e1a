import Foundation
import Testing
import TestSupport

/// Erasure on the server (issue 17), with real processes: the participant's identifying
/// data leaves the server's files and every device's records; the audit trail says who
/// erased which record, by id only.
@Suite(.serialized) struct ErasureTests {
    /// How many of `files` hold `marker`'s bytes (as `grep -c` would find them).
    static func filesHolding(_ marker: String, in files: [String]) -> [String] {
        files.filter { path in
            guard let data = FileManager.default.contents(atPath: path) else { return false }
            return data.range(of: Data(marker.utf8)) != nil
        }
    }

    @Test func anErasedParticipantsNameIsInNoServerFileAndNoDeviceRecord() throws {
        let directory = try TemporaryDirectory(prefix: "forum-erase")
        let data = directory.path("server")
        let server = try ServerProcess(data: data)
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        let c = try Device.enrol("c", role: "coordinator", in: directory.url.path, server: server)
        let marker = "Markörnamn Hemligsson", contact = "hemlig-markor@example.se"
        try a.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        let forum = try #require(try a.ids(["forum", "list"]).first)
        try a.ok(["participant", "add", marker, "--contact", contact, "--association", "RSMH"])
        let id = try #require(try a.ids(["participant", "list"]).first)
        try a.ok(["attend", forum, id])
        try a.sync(); try c.sync()
        let serverFiles = { () -> [String] in
            ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).map { data + "/" + $0 }
        }
        // The check finds the marker while it is there.
        #expect(!Self.filesHolding(marker, in: serverFiles()).isEmpty)

        let erased = try server.admin(["participant", "erase", id])
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.contains("erased") && erased.stdout.contains("Honoraria kept for the accounts: 1"))
        let backup = directory.path("after.sqlite")
        #expect(try server.admin(["backup", "--to", backup]).status == 0)
        try a.sync(); try c.sync()

        for text in [marker, contact, "RSMH"] {
            #expect(Self.filesHolding(text, in: serverFiles() + [backup]).isEmpty, "\(text) still in \(Self.filesHolding(text, in: serverFiles() + [backup]))")
            for device in [a, c] { #expect(!String(decoding: try device.export(), as: UTF8.self).contains(text)) }
        }
        // Attendance and honorarium stay, and the devices agree.
        #expect(try c.ids(["honorarium", "list"]).count == 1)
        #expect(try a.export() == (try c.export()))
        let audit = try server.admin(["audit", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.contains { $0["action"] as? String == "participant_erase" && $0["subject"] as? String == "participant/\(id)" })
        #expect(entries.filter { $0["action"] as? String == "device_add" }.count == 2)
        #expect(!audit.stdout.contains(marker))
    }
}
