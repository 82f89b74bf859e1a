@testable import FieldClient
import Foundation
import SyncCore
import SyncProtocol
import Testing
import TestSupport

@Suite struct HTTPSyncTransportTests {
    func code(_ status: Int, _ body: String) -> ClientError? {
        do { _ = try HTTPSyncTransport.check(status: status, body: Array(body.utf8)); return nil } catch { return error }
    }

    @Test func mapsStatusesToStableCodes() {
        #expect(code(200, "{}") == nil)
        #expect(code(401, #"{"error":{"code":"device_revoked","message":"m"}}"#)?.code == .deviceRevoked)
        #expect(code(401, #"{"error":{"code":"invalid_token","message":"m"}}"#)?.code == .unauthorized)
        #expect(code(503, "")?.code == .serverError)
        #expect(code(503, "")?.isTransient == true)
        #expect(code(500, "")?.isTransient == false)
        #expect(code(400, #"{"error":{"code":"invalid_cursor","message":"m"}}"#)?.detailCode == "invalid_cursor")
        #expect(code(413, "")?.code == .protocolError)
    }

    @Test func mapsLibcurlFailuresToStableCodes() {
        func mapped(_ code: UInt32) -> ClientError { HTTPSyncTransport.map(.init(code: code, message: "m")) }
        #expect(mapped(28).code == .timeout)                 // CURLE_OPERATION_TIMEDOUT
        #expect(mapped(7).code == .serverUnreachable)        // CURLE_COULDNT_CONNECT
        #expect(mapped(52).code == .serverUnreachable)       // CURLE_GOT_NOTHING
        for tls: UInt32 in [58, 60, 77, 82, 83, 90] {        // certificate, CA file, issuer, pinned key
            #expect(mapped(tls).code == .tlsFailed)
            #expect(!mapped(tls).isTransient)
        }
    }

    @Test func refusesANonHTTPServerAddress() {
        #expect(throws: ClientError.self) { try HTTPSyncTransport(baseURL: "ftp://x", token: nil, configuration: .init()) }
    }

    @Test func unreachableServerIsATransientFailure() throws {
        // Port 9 (discard) on loopback is closed on test machines: the connection is refused.
        let transport = try HTTPSyncTransport(baseURL: "http://127.0.0.1:9", token: String(repeating: "a", count: 64),
                                              configuration: ClientConfiguration(requestTimeoutSeconds: 5))
        do { _ = try transport.pull(cursor: nil, limit: 10); Issue.record("expected failure") } catch {
            #expect(error.code == .serverUnreachable)
            #expect(error.isTransient)
        }
    }

    @Test func decodesPushAndPullAnswers() throws {
        let push = try PushResponse(body: Array(#"""
            {"batch":"b1","results":[{"collection":"honorarium","id":"h1","status":"refused","reason":{"code":"role_forbidden","message":"m"}}],"serverTime":[5,1]}
            """#.utf8))
        #expect(push.results.first?.reason?.code == "role_forbidden")
        #expect(push.serverTime == HybridTimestamp(wallMillis: 5, logical: 1))
        let record = RecordFixtures.record(id: "r1", fieldCount: 2)
        let body = #"{"records":["# + String(decoding: record.canonicalJSON, as: UTF8.self) + #"],"cursor":"7","more":false}"#
        let page = try PullPage(body: Array(body.utf8))
        #expect(page.records == [record])
        #expect(page.cursor == "7")
        #expect(throws: WireDecodingError.self) { try PullPage(body: Array(#"{"records":[],"more":false}"#.utf8)) }
    }

    @Test func pushBodyIsCanonicalJSON() throws {
        let record = RecordFixtures.record(id: "r1", fieldCount: 1)
        let body = PushRequest(batch: "p1-1-1", records: [record]).body
        let parsed = try JSONParser().parse(body)
        #expect(parsed["batch"] == "p1-1-1")
        #expect(try RecordState(json: try #require(parsed["records"]?.arrayValue?.first)) == record)
    }

    // MARK: - Connections (a scripted server on loopback)

    func transport(_ server: ScriptedHTTPServer) throws -> HTTPSyncTransport {
        try HTTPSyncTransport(baseURL: "http://127.0.0.1:\(server.port)", token: String(repeating: "a", count: 64),
                              configuration: ClientConfiguration(requestTimeoutSeconds: 20, resourceTimeoutSeconds: 30))
    }

    func post(_ transport: HTTPSyncTransport, bytes: Int) throws -> String {
        let answer = try transport.send("POST", "v1/sync/push", body: Array(repeating: UInt8(ascii: "x"), count: bytes),
                                        authorized: true)
        return String(decoding: answer, as: UTF8.self)
    }

    @Test func pushesAndPullsShareOneKeepAliveConnection() throws {
        let server = try ScriptedHTTPServer()
        defer { server.stop() }
        let transport = try transport(server)
        #expect(try post(transport, bytes: 1000) == #"{"received":1000}"#)
        _ = try transport.send("GET", "v1/sync/pull", body: nil, authorized: true)
        #expect(try post(transport, bytes: 60_000) == #"{"received":60000}"#)
        #expect(server.connectionCount == 1)
        #expect(server.requests.map(\.method) == ["POST", "GET", "POST"])
    }

    @Test func resendsAPostWithItsBodyWhenAReusedConnectionDies() throws {
        // The second request is read and its connection closed unanswered; libcurl then
        // re-sends it on a new connection without the body, which the guard must stop.
        let server = try ScriptedHTTPServer(drop: (connection: 1, request: 2))
        defer { server.stop() }
        let transport = try transport(server)
        #expect(try post(transport, bytes: 2000) == #"{"received":2000}"#)
        #expect(try post(transport, bytes: 3000) == #"{"received":3000}"#)
        #expect(try post(transport, bytes: 4000) == #"{"received":4000}"#)
        // Without the guard the second post fails: the server answers the bodiless re-send
        // `body_missing` (a real server would wait for the body until a timeout).
        let requests = server.requests
        #expect(requests.filter { $0.declaredBytes == 3000 && $0.receivedBytes == 3000 }.count == 2)
        #expect(requests.last == .init(connection: server.connectionCount, method: "POST", declaredBytes: 4000,
                                       receivedBytes: 4000))
    }

    @Test func repeatsAPullWhenAReusedConnectionDies() throws {
        let server = try ScriptedHTTPServer(drop: (connection: 1, request: 2))
        defer { server.stop() }
        let transport = try transport(server)
        #expect(try post(transport, bytes: 100) == #"{"received":100}"#)
        let answer = try transport.send("GET", "v1/sync/pull", body: nil, authorized: true)
        #expect(String(decoding: answer, as: UTF8.self) == #"{"received":0}"#)
        #expect(server.requests.map(\.method) == ["POST", "GET", "GET"])
    }
}
