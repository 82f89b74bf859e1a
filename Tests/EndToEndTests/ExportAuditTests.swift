import Foundation
import Testing
import TestSupport

/// A payment list exported offline on a coordinator's laptop is in the server's audit
/// trail after the laptop's next sync (issue 17), with real processes: who (the device),
/// what, and the municipality and period asked for, never a name.
@Suite(.serialized) struct ExportAuditTests {
    @Test func aPaymentListExportedOfflineIsAuditedAtTheNextSync() throws {
        let directory = try TemporaryDirectory(prefix: "forum-export-audit")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let c = try Device.enrol("c", role: "coordinator", in: directory.url.path, server: server)
        try c.ok(["participant", "add", "Hemlig Markörsdotter"])
        let out = directory.path("utbetalning.csv")
        try c.ok(["export", "payments", "--from", "2026-11-01", "--to", "2026-11-30", "--out", out])
        try c.ok(["report", "attendance", "--from", "2026-11-01", "--to", "2026-11-30"])
        // Offline: nothing reached the server yet.
        #expect(!(try server.admin(["audit", "--json"])).stdout.contains("payment_list_export"))
        try c.sync()
        let listed = try server.admin(["device", "list", "--json"])
        let device = try #require((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])?.first?["id"] as? String)
        let trail = try #require(try JSONSerialization.jsonObject(with: Data(try server.admin(["audit", "--json"]).stdout.utf8)) as? [[String: Any]])
        let exports = trail.filter { $0["actor"] as? String == device }
        #expect(exports.compactMap { $0["action"] as? String } == ["payment_list_export", "attendance_report_export"])
        #expect(exports.first?["subject"] as? String == "Södertälje 2026-11-01..2026-11-30")
        #expect(!String(describing: trail).contains("Markörsdotter"))
        // Reported once: the next sync sends nothing again.
        try c.sync()
        let again = try #require(try JSONSerialization.jsonObject(with: Data(try server.admin(["audit", "--json"]).stdout.utf8)) as? [[String: Any]])
        #expect(again.count == trail.count)
        let text = try server.admin(["audit"]).stdout
        #expect(text.contains("exported a payment list"))
    }
}
