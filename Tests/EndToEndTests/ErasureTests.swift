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

    /// The payee (issue 19): a coordinator's laptop holds it, a facilitator's never does, and
    /// an erasure removes the identity number and account from the server's files and the
    /// coordinator's laptop.
    @Test func anErasedParticipantsPayeeLeavesTheServerAndTheCoordinatorsLaptop() throws {
        let directory = try TemporaryDirectory(prefix: "forum-erase-payee")
        let data = directory.path("server")
        let logPath = directory.path("server.log")
        let server = try ServerProcess(data: data, standardErrorPath: logPath)
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        let c = try Device.enrol("c", role: "coordinator", in: directory.url.path, server: server)
        try a.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        let forum = try #require(try a.ids(["forum", "list"]).first)
        try a.ok(["participant", "add", "Kim Andersson"])
        let id = try #require(try a.ids(["participant", "list"]).first)
        try a.ok(["attend", forum, id])
        try a.sync(); try c.sync()
        let number = "19811218-9876", account = "5550123456789"
        try c.ok(["payee", "set", String(id.prefix(8)), "--personnummer", "811218-9876", "--clearing", "8327-9",
                  "--account", account])
        try c.sync(); try a.sync()
        #expect(try c.ok(["payee", "show", id]).contains(number))
        // The facilitator's laptop never received it, and may not ask.
        #expect(!String(decoding: try a.export(), as: UTF8.self).contains(number))
        #expect(!String(decoding: try a.export(), as: UTF8.self).contains("payee"))
        let refused = try a.run(["payee", "show", id])
        #expect(refused.status == 1 && refused.stderr.contains("coordinators"))
        let serverFiles = { () -> [String] in
            ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []).map { data + "/" + $0 }
        }
        #expect(!Self.filesHolding(account, in: serverFiles()).isEmpty)

        let erased = try server.admin(["participant", "erase", id])
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.contains("payment details (identity number, account) are deleted"))
        try c.sync(); try a.sync()
        for text in [number, account] {
            #expect(Self.filesHolding(text, in: serverFiles()).isEmpty, "\(text) still in \(Self.filesHolding(text, in: serverFiles()))")
            #expect(!String(decoding: try c.export(), as: UTF8.self).contains(text))
        }
        #expect(try c.ok(["payee", "show", id]).contains("no payment details"))
        // And none can be added back.
        let again = try c.run(["payee", "set", id, "--personnummer", "811218-9876", "--payroll"])
        #expect(again.status == 1 && again.stderr.contains("erased"))
        let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
        #expect(!log.isEmpty)
        #expect(!log.contains(number) && !log.contains(account))
    }
}
