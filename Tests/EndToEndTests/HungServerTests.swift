import Foundation
import Glibc
import Testing
import TestSupport

/// A server that stops answering (`kill -STOP`: connections are still accepted by the
/// kernel, nothing ever answers) is reported by `forum sync` within the silence deadline,
/// with the number of changes kept on the laptop, exit 2 — not after minutes of silence.
@Suite(.serialized) struct HungServerTests {
    @Test func aSyncWithAStoppedServerEndsSayingTheServerIsNotAnsweringAndWhatIsKept() throws {
        let directory = try TemporaryDirectory(prefix: "forum-e2e-hung")
        let server = try ServerProcess(data: directory.path("server"))
        let device = try Device.enrol("a", role: "facilitator", in: directory.url.path, server: server)
        try device.ok(["forum", "add", "--title", "Brukarråd", "--start", "2026-11-24 13:00", "--amount", "500"])
        try device.ok(["participant", "add", "Anna Berg"])
        let pending = try #require(try device.json(["status"]) as? [String: Any])["pending"] as? Int
        #expect(pending == 2)

        #expect(kill(server.processIdentifier, SIGSTOP) == 0)
        defer { kill(server.processIdentifier, SIGCONT) }
        // Short deadlines for the test; many attempts, so that the deadline is what ends it.
        // The bound on the wait only keeps a regression from hanging the suite.
        let result = try device.run(["sync"], environment: ["FORUM_TIMEOUT_SECONDS": "1", "FORUM_UNANSWERED_SECONDS": "3",
                                                            "FORUM_RETRY_ATTEMPTS": "50", "FORUM_RETRY_BASE_MS": "100"],
                                    killAfter: 120)
        #expect(result.status == 2)
        #expect(result.stderr.contains("the server is not answering — your 2 changes are safe on this laptop"))

        let swedish = try device.run(["sync", "--lang", "sv"],
                                     environment: ["FORUM_TIMEOUT_SECONDS": "1", "FORUM_UNANSWERED_SECONDS": "3"], killAfter: 120)
        #expect(swedish.status == 2)
        #expect(swedish.stderr.contains("servern svarar inte — dina 2 ändringar finns kvar på den här datorn"))

        // Once the server answers again the same changes go through.
        kill(server.processIdentifier, SIGCONT)
        try device.sync()
        #expect((try device.json(["status"]) as? [String: Any])?["pending"] as? Int == 0)
    }
}
