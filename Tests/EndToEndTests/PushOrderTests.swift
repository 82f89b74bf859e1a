import Foundation
import Testing
import TestSupport

/// A forum changed after its attendance was recorded comes later in the laptop's queue of
/// unsynced changes than the attendance; the server still takes the attendance, since the
/// forum is in the same push (found while fixing issue 19: marking a forum held before the
/// first sync had its attendance and honorarium refused `reference_missing`; seen failing).
@Suite(.serialized) struct PushOrderTests {
    @Test func aForumMarkedHeldBeforeTheFirstSyncKeepsItsAttendance() throws {
        let directory = try TemporaryDirectory(prefix: "forum-push-order")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        try a.ok(["forum", "add", "--title", "Deltagarforum", "--start", "2026-12-01 13:00", "--amount", "500"])
        let forum = try #require((try a.json(["forum", "list", "--all"]) as? [[String: Any]])?.first?["id"] as? String)
        try a.ok(["participant", "add", "Första Deltagaren"])
        let person = try #require((try a.json(["participant", "find", "Första"]) as? [[String: Any]])?.first?["id"] as? String)
        try a.ok(["attend", forum, person])
        try a.ok(["forum", "edit", forum, "--status", "held"])
        let sync = try a.ok(["sync"])
        #expect(!sync.contains("Refused"), "\(sync)")
        #expect(try a.ids(["honorarium", "list"]).count == 1)
    }
}
