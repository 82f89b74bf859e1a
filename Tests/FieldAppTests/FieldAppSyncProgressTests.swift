import FieldApp
import FieldClient
import ForumModel
import Foundation
import Glibc
import Messages
import Testing
import TestSupport
import WebPage

/// The sync button without JavaScript (issue 19): the sync runs in the background, a
/// progress page reloads itself until it ends on the plain result, and the other pages keep
/// answering meanwhile.
@Suite("FieldApp: sync progress")
struct FieldAppSyncProgressTests {
    static let sv = Localizer(language: .sv)

    @Test func theSyncRunsInTheBackgroundWhileTheProgressPageRefreshesItselfAndOtherPagesAnswer() throws {
        // A server that accepts the connection and says nothing until the test lets go.
        let release = DispatchSemaphore(value: 0)
        let listener = try LoopbackListener()
        listener.start { socket in
            release.wait()
            release.signal()
            close(socket)
        }
        defer { release.signal(); listener.stop() }
        let harness = try AppHarness(serverURL: "http://127.0.0.1:\(listener.port)", backgroundSync: true, timeoutSeconds: 120)
        let (forum, _) = try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()

        let started = harness.post("/sync", [])
        #expect(started.status == 303)
        #expect(started.response.headers["Location"] == "/sync/progress")
        let progress = harness.get("/sync/progress")
        #expect(progress.status == 200)
        #expect(progress.text.contains("<meta http-equiv=\"refresh\" content=\"1\">"))
        #expect(progress.text.contains(HTML.escape(Self.sv["app.sync.running"])))
        #expect(PageChecks.problems(progress.text) == [])

        // The sync waits on the server; the app does not.
        #expect(harness.get("/").status == 200)
        #expect(harness.get("/forums/\(forum)").text.contains("Vårforum om boende"))
        let added = harness.post("/participants", [("displayName", "Bo Under Synken")])
        #expect(added.status == 303, "a write while the sync runs: \(added.text.prefix(300))")
        // A second press shows the running sync instead of starting another.
        #expect(harness.post("/sync", []).response.headers["Location"] == "/sync/progress")

        // The server hangs up: the sync ends, and the progress page leads to its result.
        release.signal()
        var location: String?
        for _ in 0..<1200 {
            let answer = harness.get("/sync/progress")
            if answer.status == 303 { location = answer.response.headers["Location"]; break }
            #expect(answer.text.contains("http-equiv=\"refresh\""))
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(location == "/sync?done=synced")
        let result = harness.get("/sync?done=synced").text
        #expect(result.contains("notice error"), "the failure said in words")
        #expect(!result.contains("http-equiv=\"refresh\""))
        // What was recorded is kept for the next sync.
        #expect(try harness.replica.pendingCount() >= 2)
    }

    @Test func withoutTheReplicasPathTheSyncRunsWithinTheRequestAndStillEndsOnTheResult() throws {
        let harness = try AppHarness()
        try harness.seed(people: [("Alva Öppen", false)])
        try harness.logIn()
        let started = harness.post("/sync", [])
        #expect(started.response.headers["Location"] == "/sync/progress")
        #expect(harness.get("/sync/progress").response.headers["Location"] == "/sync?done=synced")
        #expect(harness.get("/sync?done=synced").text.contains(HTML.escape(Self.sv["client.sync.server_unreachable", ["count": "2"]])))
    }
}
