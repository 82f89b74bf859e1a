import Foundation
import Testing
import TestSupport

/// Anonymity at the edges of the field client (issue 17), with real processes: minutes
/// that name an anonymous attendee are not saved without --yes, and honorarium lists mark
/// anonymous people where their real names must appear.
@Suite(.serialized) struct AnonymityTests {
    @Test func minutesNamingAnAnonymousAttendeeAreHeldBackAndListsMarkThem() throws {
        let directory = try TemporaryDirectory(prefix: "forum-anonymity")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let a = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        try a.ok(["forum", "add", "--title", "Deltagarforum 3", "--start", "2026-11-24 13:00", "--amount", "500"])
        let forum = try #require(try a.ids(["forum", "list"]).first)
        try a.ok(["participant", "add", "Anna Berg", "--anonymous"])
        let anna = try #require(try a.ids(["participant", "list"]).first)
        try a.ok(["attend", forum, anna])

        let held = try a.run(["forum", "edit", forum, "--minutes", "anna tog upp boendefrågan."])
        #expect(held.status == 1)
        #expect(held.stderr.contains("The minutes name 1 anonymous participants. Nothing was saved"))
        #expect(!String(decoding: try a.export(), as: UTF8.self).contains("boendefrågan"))
        // A longer word that begins with the name is no mention.
        try a.ok(["forum", "edit", forum, "--minutes", "Annalena från förvaltningen tog upp boendefrågan."])
        #expect(String(decoding: try a.export(), as: UTF8.self).contains("Annalena"))
        try a.ok(["forum", "edit", forum, "--minutes", "Anna tog upp boendefrågan.", "--yes"])
        // Read back as filed: the anonymous attendee by pseudonym.
        let shown = try a.ok(["forum", "show", forum])
        #expect(shown.contains("Minutes:") && shown.contains("Anonymous participant 1 tog upp boendefrågan."), "\(shown)")
        #expect(!shown.contains("Anna"))

        let list = try a.ok(["honorarium", "list"])
        #expect(list.contains("Anna Berg (anonymous)"))
        let rows = try #require(try a.json(["honorarium", "list"]) as? [[String: Any]])
        #expect(rows.first?["anonymous"] as? Bool == true && rows.first?["name"] as? String == "Anna Berg")
    }
}
