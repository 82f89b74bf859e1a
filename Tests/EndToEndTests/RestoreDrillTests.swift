import Foundation
import Testing
import TestSupport

/// The restore drill (issue 16): a backup, writes acknowledged after it from two devices,
/// `forum-server restore`, then only ordinary syncs. The server then holds every
/// acknowledged write, no device is stuck, and every replica is byte-identical.
@Suite(.serialized) struct RestoreDrillTests {
    @Test func everyWriteAcknowledgedAfterTheBackupComesBackWithOrdinarySyncs() throws {
        let directory = try TemporaryDirectory(prefix: "forum-restore")
        let data = directory.path("server")
        let server = try ServerProcess(data: data)
        defer { server.kill() }
        let r1 = try Device.enrol("r1", role: "facilitator", in: directory.url.path, server: server)
        let r2 = try Device.enrol("r2", role: "facilitator", in: directory.url.path, server: server)
        let coordinator = try Device.enrol("c", role: "coordinator", in: directory.url.path, server: server)
        try r1.ok(["forum", "add", "--title", "Forum A", "--start", "2026-11-24 13:00", "--amount", "500"])
        try r1.sync()
        try r2.sync()
        let backup = directory.path("backup.sqlite")
        #expect(try server.admin(["backup", "--to", backup]).status == 0)

        // Acknowledged after the backup: r1 creates forum D and renames A; r2 pulls both
        // and records a participant of its own; the coordinator pulls everything.
        let forumA = try #require(try r1.ids(["forum", "list"]).first)
        try r1.ok(["forum", "add", "--title", "Forum D", "--start", "2026-11-25 13:00", "--amount", "900"])
        try r1.ok(["forum", "edit", forumA, "--title", "Forum A, ny lokal"])
        try r1.sync()
        try r2.sync()
        try r2.ok(["participant", "add", "Kim"])
        try r2.sync()
        try coordinator.sync()
        let acknowledged = try coordinator.export()
        // And one change r2 has not synced yet when the server goes down.
        try r2.ok(["participant", "add", "Lo"])

        #expect(server.terminate() == 0)
        let restore = try server.admin(["restore", backup])
        #expect(restore.status == 0, "restore failed: \(restore.stderr)")
        #expect(restore.stdout.contains("restored"))
        try server.start(port: nil)

        // Before anyone syncs, the restored server has forgotten D.
        let fresh = try Device.enrol("fresh", role: "coordinator", in: directory.url.path, server: server)
        try fresh.sync()
        #expect(try fresh.ids(["forum", "list"]).count == 1)

        // Ordinary syncs only; none fails. r1, whose writes the restore forgot, stays away
        // at first: r2 and the coordinator, who pulled those writes, bring them back, and
        // the server takes them as acknowledged before, not as forged history.
        for device in [r2, coordinator, fresh] { try device.sync() }
        let whileAway = Set(((try fresh.json(["forum", "list"])) as? [[String: Any]] ?? []).compactMap { $0["title"] as? String })
        #expect(whileAway == ["Forum A, ny lokal", "Forum D"])
        for device in [r2, coordinator] { #expect(!(try device.ok(["status"])).contains("refused")) }
        for device in [r1, r2, coordinator, r1, fresh] { try device.sync() }

        let reference = try fresh.export()
        #expect(try r1.export() == reference)
        #expect(try r2.export() == reference)
        #expect(try coordinator.export() == reference)
        let titles = Set(((try fresh.json(["forum", "list"])) as? [[String: Any]] ?? []).compactMap { $0["title"] as? String })
        #expect(titles == ["Forum A, ny lokal", "Forum D"])
        let names = Set(((try fresh.json(["participant", "list"])) as? [[String: Any]] ?? [])
            .compactMap { $0["displayName"] as? String ?? $0["name"] as? String })
        #expect(names == ["Kim", "Lo"])
        // Everything acknowledged before the restore is on the server again, record for record.
        #expect(try Self.records(reference).isSuperset(of: Self.records(acknowledged)))
    }

    /// The records of a canonical replica export, as collection/id → canonical bytes.
    static func records(_ export: [UInt8]) throws -> Set<String> {
        let json = try JSONSerialization.jsonObject(with: Data(export))
        let list = (json as? [[String: Any]]) ?? ((json as? [String: Any])?["records"] as? [[String: Any]]) ?? []
        return Set(list.map { "\($0["collection"] ?? "")/\($0["id"] ?? "")" })
    }
}
