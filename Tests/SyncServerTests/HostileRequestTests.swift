import TestSupport
import Foundation
import Glibc
import Testing
import ForumModel
import SyncCore
@testable import SyncServer

/// What a hostile case may use: an enrolled facilitator, a revoked device, their records.
struct HostileContext {
    let fixture: ServerFixture
    let facilitator: (replica: ReplicaID, token: String)
    let revokedToken: String
    let other: (replica: ReplicaID, token: String)

    func post(_ path: String, token: String? = nil, body: [UInt8]) -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    func get(_ target: String, token: String? = nil) -> [UInt8] {
        Array("GET \(target) HTTP/1.1\r\nHost: x\r\n\(token.map { "Authorization: Bearer \($0)\r\n" } ?? "")\r\n".utf8)
    }

    func push(_ records: [RecordState], token: String? = nil) -> [UInt8] {
        post("/v1/sync/push", token: token ?? facilitator.token, body: ServerFixture.pushBody(records, batch: "hostile"))
    }

    func push(json: String) -> [UInt8] { post("/v1/sync/push", token: facilitator.token, body: Array(json.utf8)) }
}

/// One malformed or hostile request with the answer it must get.
/// Whether the push answer refuses its one record with `code` and shows no counter.
func refusedWith(_ code: String, _ response: RawHTTPResponse) -> Bool {
    let result = response.json?["results"]?.arrayValue?.first
    return result?["status"] == "refused" && result?["reason"]?["code"]?.stringValue == code
        && result?["reason"]?["parameters"] == nil && result?["state"] == nil
}

struct HostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    let status: Int
    let code: String?
    /// Sends the request on `client`; the default writes `build`'s bytes at once.
    let send: @Sendable (HostileContext, RawHTTPClient) throws -> Void
    /// Checks beyond status and code (e.g. on a 200 body).
    let check: @Sendable (HostileContext, RawHTTPResponse) throws -> Bool

    init(_ name: String, _ status: Int, _ code: String?,
         check: @escaping @Sendable (HostileContext, RawHTTPResponse) throws -> Bool = { _, _ in true },
         bytes: @escaping @Sendable (HostileContext) throws -> [UInt8]) {
        self.init(name, status, code, check: check) { context, client in client.send(try bytes(context)) }
    }

    init(_ name: String, _ status: Int, _ code: String?,
         check: @escaping @Sendable (HostileContext, RawHTTPResponse) throws -> Bool = { _, _ in true },
         send: @escaping @Sendable (HostileContext, RawHTTPClient) throws -> Void) {
        self.name = name
        self.status = status
        self.code = code
        self.send = send
        self.check = check
    }

    var testDescription: String { name }
}

private let unknownToken = String(repeating: "ab", count: 32)

let hostileCases: [HostileCase] = [
    HostileCase("garbage bytes", 400, "bad_request") { _ in Array("\u{1}\u{2}\u{3} garbage \u{7f}\r\n\r\n".utf8) },
    HostileCase("binary noise", 400, "bad_request") { _ in (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } + [13, 10, 13, 10] },
    HostileCase("oversized request line", 414, "uri_too_long") { _ in
        Array("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
    },
    HostileCase("oversized headers", 431, "headers_too_large") { _ in
        Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 17_000))\r\n\r\n".utf8)
    },
    HostileCase("too many headers", 431, "too_many_headers") { _ in
        Array(("GET /healthz HTTP/1.1\r\nHost: x\r\n" + (0..<120).map { "X-\($0): v\r\n" }.joined() + "\r\n").utf8)
    },
    HostileCase("oversized body", 413, "body_too_large") { context in
        Array("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\nAuthorization: Bearer \(context.facilitator.token)\r\n\r\n".utf8)
    },
    HostileCase("huge Content-Length with a short body times out", 408, "request_timeout") { context in
        Array("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nAuthorization: Bearer \(context.facilitator.token)\r\n\r\n{\"batch\"".utf8)
    },
    HostileCase("a short body without a token is refused at the head", 401, "missing_token") { _ in
        Array("POST /v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{\"batch\"".utf8)
    },
    HostileCase("slow sender of the head times out", 408, "request_timeout", send: { _, client in
        for byte in Array("GET /healthz HTTP/1.1\r\nHo".utf8) {
            client.send([byte])
            usleep(40_000)
        }
    }),
    HostileCase("Content-Length with Transfer-Encoding", 400, "ambiguous_length") { _ in
        Array("POST /v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8)
    },
    HostileCase("two different Content-Lengths", 400, "invalid_content_length") { _ in
        Array("POST /v1/enroll HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}".utf8)
    },
    HostileCase("missing Host", 400, "missing_host") { _ in Array("GET /healthz HTTP/1.1\r\n\r\n".utf8) },
    HostileCase("invalid JSON", 400, "invalid_json") { $0.push(json: #"{"batch":"b","records":[}"#) },
    HostileCase("JSON with a fraction", 400, "invalid_json") { $0.push(json: #"{"batch":"b","records":[],"x":1.5}"#) },
    HostileCase("records not an array", 400, "invalid_request") { $0.push(json: #"{"batch":"b","records":{}}"#) },
    HostileCase("batch id of the wrong type", 400, "invalid_request") { $0.push(json: #"{"batch":7,"records":[]}"#) },
    HostileCase("batch id with forbidden characters", 400, "invalid_request") { $0.push(json: #"{"batch":"a/b","records":[]}"#) },
    HostileCase("body an array", 400, "invalid_request") { $0.push(json: "[]") },
    HostileCase("unknown protocol version", 400, "unsupported_protocol_version",
                check: { _, response in response.json?["error"]?["supported"] == .array([.integer(1)]) }) { $0.get("/v2/sync/pull") },
    HostileCase("unknown collection", 422, "unknown_collection") { context in
        context.push([try Records.make("payments", "x1", ["amount": 1], by: context.facilitator.replica)])
    },
    HostileCase("record with a dot outside its context", 400, "dot_not_in_context",
                check: { _, response in response.json?["error"]?["index"] == 0 }) { context in
        context.push(json: #"{"batch":"b","records":[{"collection":"forum","context":{},"fields":{"title":[{"dot":["\#(context.facilitator.replica)",1],"time":[1,0],"value":"x"}]},"id":"f9"}]}"#)
    },
    HostileCase("record of the wrong shape", 400, "invalid_record") { $0.push(json: #"{"batch":"b","records":[{"collection":"forum"}]}"#) },
    // Forged history is refused per record (the batch's other records go through), and the
    // refusal names no counter of the server's.
    HostileCase("forged replica dots", 200, nil, check: { _, response in refusedWith("forged_history", response) }) { context in
        var forged = try Records.forum("f9", municipality: "Södertälje", by: context.facilitator.replica)
        try forged.write(["title": "forged"], by: context.other.replica, at: Records.start)
        return context.push([forged])
    },
    HostileCase("forged server dots", 200, nil, check: { _, response in refusedWith("forged_history", response) }) { context in
        var forged = try Records.forum("f9", municipality: "Södertälje", by: context.facilitator.replica)
        try forged.write(["title": "forged"], by: .server, at: Records.start)
        return context.push([forged])
    },
    HostileCase("missing token", 401, "missing_token") { context in
        context.post("/v1/sync/push", body: ServerFixture.pushBody([], batch: "b"))
    },
    HostileCase("not a bearer token", 401, "missing_token") { _ in
        Array("GET /v1/sync/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Basic dXNlcjpwYXNz\r\n\r\n".utf8)
    },
    HostileCase("unknown token", 401, "invalid_token") { $0.get("/v1/sync/pull", token: unknownToken) },
    HostileCase("malformed token", 401, "invalid_token") { $0.get("/v1/sync/pull", token: "'; DROP TABLE device; --") },
    HostileCase("revoked device", 401, "device_revoked") { $0.get("/v1/sync/pull", token: $0.revokedToken) },
    HostileCase("facilitator approving an honorarium", 200, nil, check: { _, response in
        let result = response.json?["results"]?.arrayValue?.last
        return result?["status"] == "refused" && result?["reason"]?["code"] == "role_forbidden"
    }) { context in
        let replica = context.facilitator.replica
        let meeting = try Records.meeting(forum: "fh", participant: "ph", by: replica)
        let honorarium = try Records.honorarium(attendance: meeting[2].id, municipality: "Södertälje", by: replica)
        let approved = try Records.make(Honorarium.collection, honorarium.id,
                                        ["status": "approved", "approvedAmount": 500], by: replica, base: honorarium)
        return context.push(meeting + [approved])
    },
    HostileCase("pulling another municipality's records", 200, nil, check: { context, response in
        response.json?["records"]?.arrayValue?.isEmpty == true
    }) { $0.get("/v1/sync/pull", token: $0.other.token) },
    HostileCase("malformed cursor", 400, "invalid_cursor") { $0.get("/v1/sync/pull?cursor=abc", token: $0.facilitator.token) },
    HostileCase("cursor beyond the server's sequence", 400, "invalid_cursor") {
        $0.get("/v1/sync/pull?cursor=999999", token: $0.facilitator.token)
    },
    HostileCase("pull limit out of range", 400, "invalid_request") {
        $0.get("/v1/sync/pull?limit=100000", token: $0.facilitator.token)
    },
    HostileCase("too many records", 413, "too_many_records") { context in
        let record = try Records.forum("f", municipality: "Södertälje", by: context.facilitator.replica)
        return context.push(Array(repeating: record, count: context.fixture.database.configuration.maxRecordsPerPush + 1))
    },
    HostileCase("wrong method", 405, "method_not_allowed") { $0.get("/v1/sync/push", token: $0.facilitator.token) },
    HostileCase("unknown route", 404, "not_found") { $0.get("/v1/nothing/here") },
    HostileCase("path traversal", 404, "not_found") { $0.get("/v1/../../etc/passwd") },
    HostileCase("enrolment with an unknown code", 401, "invalid_enrollment_code") {
        $0.post("/v1/enroll", body: Array(#"{"code":"AAAA-BBBB-CCCC"}"#.utf8))
    },
    HostileCase("enrolment body of the wrong type", 400, "invalid_request") { $0.post("/v1/enroll", body: Array(#"{"code":5}"#.utf8)) },
]

@Suite struct HostileRequestTests {
    @Test(arguments: hostileCases)
    func answersHostileRequestAndKeepsServing(_ hostile: HostileCase) throws {
        let fixture = try ServerFixture { configuration in
            configuration.http.requestHeadTimeout = 0.5
            configuration.http.bodyTimeout = 0.5
            configuration.http.lingerTimeout = 0.2
            // A small record limit, so "too many records" is a body that arrives well within
            // the short body timeout above even on a loaded machine (the default, 10,000
            // records of ~5 MB, did not always).
            configuration.maxRecordsPerPush = 500
        }
        let facilitator = try fixture.enrol()
        let revoked = try fixture.enrol()
        try fixture.database.deviceRegistry.revokeDevice(id: revoked.replica.rawValue)
        let other = try fixture.enrol(municipalities: ["Norrtälje"])
        let context = HostileContext(fixture: fixture, facilitator: facilitator, revokedToken: revoked.token, other: other)
        // Records in Södertälje the Norrtälje device must never receive.
        #expect(try fixture.push(Records.meeting(forum: "fs", participant: "ps", by: facilitator.replica),
                                 token: facilitator.token).status == 200)

        let client = try RawHTTPClient(port: fixture.port)
        try hostile.send(context, client)
        let response = try #require(client.readResponse(), "no response to \(hostile.name)")
        #expect(response.status == hostile.status)
        #expect(response.errorCode == hostile.code)
        #expect(try hostile.check(context, response))
        if hostile.status >= 400 {
            #expect(response.headers["content-type"] == "application/json")
        }

        let healthy = try RawHTTPClient(port: fixture.port).request("GET", "/healthz")
        #expect(healthy?.status == 200)
        let pull = try fixture.pullAll(token: facilitator.token)
        #expect(pull.contains { $0.id == "fs" })
    }
}
