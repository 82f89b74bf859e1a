import TestSupport
import Foundation
import Glibc
import Testing
import SyncCore
@testable import SyncServer

/// The findings of the adversarial review (issue 20), each through HTTP on real sockets
/// against the default configuration.
@Suite struct AbuseFindingTests {
    private static let unknownToken = String(repeating: "cd", count: 32)

    /// Finding 1: a body is not read before its token is checked.
    @Test func refusesABadTokenAtTheHeadWithoutWaitingForTheBody() throws {
        let fixture = try ServerFixture()
        let client = try RawHTTPClient(port: fixture.port)
        // 16 MiB − 1 announced, nothing of it sent: the answer must come from the head alone.
        client.send("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: \(16 * 1024 * 1024 - 1)\r\n"
                    + "Authorization: Bearer \(Self.unknownToken)\r\n\r\n")
        let response = try #require(client.readResponse(), "no answer before the body")
        #expect(response.status == 401)
        #expect(response.errorCode == "invalid_token")
        #expect(response.headers["connection"] == "close")
    }

    /// Finding 2: one address holding connections does not shut out another.
    @Test func oneAddressCannotTakeEveryConnection() throws {
        let fixture = try ServerFixture()
        var held: [RawHTTPClient] = []
        for _ in 0..<64 {
            let client = try RawHTTPClient(port: fixture.port, localHost: "127.0.0.1")
            #expect(client.request("GET", "/healthz")?.status == 200)
            held.append(client)
        }
        let extra = try RawHTTPClient(port: fixture.port, localHost: "127.0.0.1")
        let refused = try #require(extra.request("GET", "/healthz"))
        #expect(refused.status == 429)
        #expect(refused.errorCode == "too_many_connections_from_address")
        #expect(refused.headers["retry-after"] != nil)
        let other = try RawHTTPClient(port: fixture.port, localHost: "127.0.0.2")
        #expect(other.request("GET", "/healthz")?.status == 200)
        withExtendedLifetime(held) {}
    }

    /// Finding 3: refusals are summarised in the log, and counted in the metrics.
    @Test func refusalsAreSummarisedInTheLogAndCounted() throws {
        let fixture = try ServerFixture()
        let client = try RawHTTPClient(port: fixture.port)
        for _ in 0..<20 {
            #expect(client.request("GET", "/v1/sync/pull", headers: ["Authorization": "Bearer \(Self.unknownToken)"])?.status == 401)
        }
        fixture.server.shutdown()
        let lines = fixture.log.lines.filter { $0.contains("invalid_token") }
        #expect(lines.count == 1, "one summary line, not one line per refusal")
        #expect(lines.first?.contains(#""invalid_token":20"#) == true)
        let metrics = try fixture.server.service.metricsText()
        #expect(metrics.contains(#"forum_http_refusals_total{code="invalid_token"} 20"#))
    }

    /// Finding 4: failed authentications are rate limited per address (429 with Retry-After).
    @Test func rateLimitsFailedAuthenticationPerAddress() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let client = try RawHTTPClient(port: fixture.port, localHost: "127.0.0.1")
        let bad = ["Authorization": "Bearer \(Self.unknownToken)"]
        let statuses = (0..<31).map { _ in client.request("GET", "/v1/sync/pull", headers: bad)?.status }
        #expect(statuses.prefix(30).allSatisfy { $0 == 401 })
        let limited = try #require(client.request("GET", "/v1/sync/pull", headers: bad))
        #expect(statuses.last == 429 && limited.status == 429)
        #expect(limited.errorCode == "rate_limited")
        #expect(limited.headers["retry-after"].flatMap { Int($0) }.map { $0 >= 1 } == true)
        // Another address is not affected.
        let other = try RawHTTPClient(port: fixture.port, localHost: "127.0.0.2")
        #expect(other.request("GET", "/v1/sync/pull", headers: ["Authorization": "Bearer \(device.token)"])?.status == 200)
    }

    /// Finding 4: failed enrolment attempts are rate limited per address.
    @Test func rateLimitsEnrolmentGuessesPerAddress() throws {
        let fixture = try ServerFixture()
        let client = try RawHTTPClient(port: fixture.port, localHost: "127.0.0.1")
        let guess = Array(#"{"code":"AAAA-BBBB-CCCC"}"#.utf8)
        let statuses = (0..<11).map { _ in client.request("POST", "/v1/enroll", body: guess)?.status }
        #expect(statuses.prefix(10).allSatisfy { $0 == 401 })
        #expect(statuses.last == 429)
        let added = try fixture.database.deviceRegistry.addDevice(name: "Surfplatta", role: "facilitator", municipalities: ["Södertälje"])
        let other = try RawHTTPClient(port: fixture.port, localHost: "127.0.0.2")
        #expect(other.request("POST", "/v1/enroll", body: Array(#"{"code":"\#(added.code)"}"#.utf8))?.status == 200)
    }

    /// Finding 5: `forged_history` answers alike whatever the counters it names.
    @Test func forgedHistoryDoesNotRevealAnotherMunicipalitysCounters() throws {
        let fixture = try ServerFixture()
        let owner = try fixture.enrol(municipalities: ["Södertälje"])
        let prober = try fixture.enrol(municipalities: ["Norrtälje"])
        #expect(try fixture.push(Records.meeting(forum: "fs", participant: "ps", by: owner.replica),
                                 token: owner.token).status == 200)
        func probe(_ counter: Int) throws -> (Int, String?, String) {
            let body = #"{"batch":"probe\#(counter)","records":[{"collection":"forum","context":{"\#(owner.replica)":\#(counter),"\#(prober.replica)":1},"fields":{"title":[{"dot":["\#(prober.replica)",1],"time":[1764000000000,0],"value":"x"}]},"id":"fs"}]}"#
            let response = try #require(try RawHTTPClient(port: fixture.port).request(
                "POST", "/v1/sync/push", headers: ["Authorization": "Bearer \(prober.token)"], body: Array(body.utf8)))
            // Per record (issue 15/16): the answer is 200 with the record refused.
            let result = response.json?["results"]?.arrayValue?.first
            let answer = JSONWriter.string(result?["reason"] ?? .null)
            return (response.status, result?["reason"]?["code"]?.stringValue, answer)
        }
        let within = try probe(1)
        let beyond = try probe(1000)
        #expect(within == beyond)
        #expect(within.0 == 200 && within.1 == "forged_history")
    }

    /// Finding 5: `/metrics` is not open on the application port.
    @Test func metricsAreNotOpenOnTheApplicationPort() throws {
        let fixture = try ServerFixture()
        let response = try #require(try RawHTTPClient(port: fixture.port).request("GET", "/metrics"))
        #expect(response.status == 404)
        #expect(!response.text.contains("forum_devices"))
    }

    /// Finding 5: a device added but never enrolled is not active.
    @Test func devicesThatNeverEnrolledAreNotCountedAsActive() throws {
        let fixture = try ServerFixture()
        _ = try fixture.enrol()
        _ = try fixture.database.deviceRegistry.addDevice(name: "Aldrig", role: "facilitator", municipalities: ["Södertälje"])
        let text = try fixture.server.service.metricsText()
        #expect(text.contains(#"forum_devices{state="active"} 1"#))
        #expect(text.contains(#"forum_devices{state="pending"} 1"#))
    }

    /// Finding 6: the data directory, database, WAL, shared memory and backup are owner-only
    /// under the usual umask 022.
    @Test func keepsTheServersFilesPrivateUnderUmask022() throws {
        let directory = try TemporaryDirectory(prefix: "private-files")
        let data = directory.url.appendingPathComponent("forum-data").path
        let previous = umask(0o022)
        defer { umask(previous) }
        let database = try ServerStore(directory: data, policy: ForumPolicy())
        _ = try database.deviceRegistry.addDevice(name: "Surfplatta", role: "facilitator", municipalities: ["Södertälje"])
        let backup = directory.url.appendingPathComponent("backup.sqlite").path
        try database.recordsOffice.backup(to: backup)
        func mode(_ path: String) -> mode_t? {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
        }
        let database_ = data + "/" + ServerStore.fileName
        #expect(mode(data) == 0o700)
        #expect(mode(database_) == 0o600)
        #expect(mode(database_ + "-wal") == 0o600)
        #expect(mode(database_ + "-shm") == 0o600)
        #expect(mode(backup) == 0o600)
        withExtendedLifetime(database) {}
    }

    /// Finding 7: HEAD is answered where GET is.
    @Test func answersHeadOnPull() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let client = try RawHTTPClient(port: fixture.port)
        client.send("HEAD /v1/sync/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(device.token)\r\n\r\n")
        let head = try #require(client.readResponse(forHead: true))
        #expect(head.status == 200)
        #expect(head.headers["content-type"] == "application/json")
        #expect(head.body.isEmpty)
        // The connection is still in step: the next answer is the GET's, with its body.
        let get = try #require(client.request("GET", "/v1/sync/pull", headers: ["Authorization": "Bearer \(device.token)"]))
        #expect(get.status == 200)
        #expect(head.headers["content-length"] == get.headers["content-length"])
    }
}
