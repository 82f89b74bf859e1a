import Foundation
import Testing
import TestSupport

/// `forum list` counts those present, not every attendance record (issue 19's CLI list).
@Suite(.serialized) struct ForumListTests {
    @Test func theAttendeesColumnCountsThosePresentOnly() throws {
        let directory = try TemporaryDirectory(prefix: "forum-list")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        try a.ok(["forum", "add", "--title", "Räknat forum", "--start", "2026-11-24 13:00", "--amount", "500"])
        let forum = try #require(try a.ids(["forum", "list", "--all"]).first)
        for name in ["Bo", "Eva", "Lo"] { try a.ok(["participant", "add", name]) }
        let people = try a.ids(["participant", "list"])
        for person in people { try a.ok(["attend", forum, person]) }
        try a.ok(["absent", forum, people[0]])
        let row = try #require(try a.ok(["forum", "list", "--all"]).split(separator: "\n").first { $0.contains("Räknat forum") })
        #expect(row.split(separator: " ").last == "2", "\(row)")
    }
}
