import Foundation
import Testing
import TestSupport

/// `forum-server admin login-link` run beside a server makes a link to the address that
/// server serves on (issue 19: it pointed at port 8080 whatever the server used; seen failing).
@Suite(.serialized) struct LoginLinkTests {
    @Test func aLoginLinkPointsAtTheRunningServer() throws {
        let directory = try TemporaryDirectory(prefix: "forum-login-link")
        let server = try ServerProcess(data: directory.path("server"))
        defer { server.kill() }
        let link = try server.admin(["admin", "login-link"])
        #expect(link.status == 0)
        let url = link.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix(server.url + "/admin/"), "\(url) is not on \(server.url)")
        // And the link opens a session on that server (a session cookie comes back).
        let path = String(url.dropFirst(server.url.count))
        let response = try #require(try RawHTTPClient(port: server.port).request("GET", path))
        #expect(response.headers.keys.contains { $0.lowercased() == "set-cookie" }, "\(response.status)")
    }
}
