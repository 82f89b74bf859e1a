import FieldClient
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

/// Forget on scope loss (issue 17), with real processes: a forum moved to another
/// municipality leaves the laptops that can no longer read it at their next sync, with
/// its attendance; it stays with a coordinator of both.
@Suite(.serialized) struct ForgetTests {
    @Test func aForumMovedAwayLeavesTheLaptopsOfTheMunicipalityItLeft() throws {
        let directory = try TemporaryDirectory(prefix: "forum-forget")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        let added = try server.admin(["device", "add", "--name", "Samordnare", "--role", "coordinator",
                                      "--municipality", "Södertälje", "--municipality", "Nykvarn"])
        let code = try #require(added.stdout.range(of: #"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"#, options: .regularExpression)
            .map { String(added.stdout[$0]) })
        let c = Device(data: directory.url.path + "/c")
        #expect(try c.run(["enroll", server.url, code]).status == 0)

        try a.ok(["forum", "add", "--title", "Flyttat forum", "--start", "2026-11-24 13:00", "--amount", "500"])
        let forum = try #require(try a.ids(["forum", "list"]).first)
        try a.ok(["participant", "add", "Kim"])
        let kim = try #require(try a.ids(["participant", "list"]).first)
        try a.ok(["attend", forum, kim])
        try a.sync(); try c.sync()

        // The coordinator moves the forum to Nykvarn (a write no CLI command offers yet).
        let replica = try c.openReplica()
        try replica.write(collection: Forum.collection, id: forum, values: [Forum.Field.municipality: "Nykvarn"])
        try c.sync()
        try a.sync()

        #expect(!(try a.ids(["forum", "list", "--all"])).contains(forum))
        let held = String(decoding: try a.export(), as: UTF8.self)
        #expect(!held.contains("Flyttat forum"))
        #expect(!held.contains(Attendance.id(forumID: forum, participantID: kim)))
        #expect(try a.ids(["participant", "list"]).contains(kim)) // Kim is still Södertälje's
        #expect(try c.ids(["forum", "list", "--all"]).contains(forum))
        #expect(try a.run(["status"]).stdout.contains("Unsynced changes: 0"))
    }
}
