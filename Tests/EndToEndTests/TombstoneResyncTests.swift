import Foundation
import Testing
import TestSupport

/// Bounded tombstones (issue 17), with real processes: the admin purges tombstones
/// (`forum-server tombstones purge`); a laptop that had not pulled the deletes is told to
/// resync, fetches everything from the beginning, drops the records the server no longer
/// holds (nothing resurrected) and keeps and sends its unsynced changes (nothing lost).
@Suite(.serialized) struct TombstoneResyncTests {
    @Test func aLaptopBehindPurgedTombstonesResyncsKeepingItsUnsyncedWork() throws {
        let directory = try TemporaryDirectory(prefix: "forum-tombstones")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        let b = try Device.enrol("b", role: "facilitator", in: directory.url.path, server: server)
        func person(_ name: String) throws -> String {
            try a.ok(["participant", "add", name])
            return try #require((try a.json(["participant", "find", name]) as? [[String: Any]])?.first?["id"] as? String)
        }
        let gone = try person("Borttagen Markörsson"), edited = try person("Redigerad Person")
        try a.sync()
        try b.sync()
        // b, offline: edits one of them and adds someone new.
        try b.ok(["participant", "edit", edited, "--association", "RSMH"])
        try b.ok(["participant", "add", "Ny Person"])
        // a deletes both and syncs; the admin purges every tombstone all active devices pulled.
        try a.ok(["participant", "delete", gone, "--yes"])
        try a.ok(["participant", "delete", edited, "--yes"])
        try a.sync()
        let purge = try server.admin(["tombstones", "purge", "--horizon-days", "0"])
        #expect(purge.status == 0 && purge.stdout.contains("Tombstones purged: 2"), "\(purge.stdout)\(purge.stderr)")

        let sync = try b.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(sync.stdout.contains("fetched everything again: 1 records the server no longer holds were removed here, 1 unsynced changes were kept"),
                "\(sync.stdout)")
        // Nothing resurrected: the synced copy of the deleted participant left b, name and all.
        let held = try b.ids(["participant", "list"])
        #expect(!held.contains(gone) && held.contains(edited) && held.count == 2)
        let replica = try Data(contentsOf: URL(fileURLWithPath: b.data + "/replica.sqlite"))
        #expect(replica.range(of: Data("Markörsson".utf8)) == nil)
        // Nothing lost: b's edit and its new participant reached the server and a.
        try a.sync()
        let people = try #require(try a.json(["participant", "list"]) as? [[String: Any]])
        #expect(Set(people.compactMap { $0["id"] as? String }) == Set(held))
        #expect(people.contains { $0["id"] as? String == edited && $0["association"] as? String == "RSMH" })
        // A second sync is an ordinary one.
        #expect(!(try b.ok(["sync"])).contains("fetched everything again"))
    }
}
