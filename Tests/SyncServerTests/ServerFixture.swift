import Foundation
import HTTPServer
import SyncCore
import TestSupport
@testable import SyncServer

/// Lines written to the request log, captured for assertions.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ line: String) { lock.withLock { storage.append(line) } }
    var lines: [String] { lock.withLock { storage } }
    var text: String { lines.joined(separator: "\n") }
}

/// A server on 127.0.0.1 and an ephemeral port over a fresh database, for one test.
final class ServerFixture: @unchecked Sendable {
    let directory: TemporaryDirectory
    let database: ServerStore
    let server: SyncServer
    let port: UInt16
    let log = LogCapture()
    let clock: ManualClock
    /// Whether the fixture's own requests (`enrol`, `push`, `pull`) go over the socket; by
    /// default they are answered in process by the server's `SyncService`, parsed by the
    /// real request parser, and only tests about the socket path or the request log use
    /// the socket (`RawHTTPClient(port:)` always does).
    let overSockets: Bool

    init(policy: any SyncPolicy = ForumPolicy(), overSockets: Bool = false,
         configure: (inout SyncServerConfiguration) -> Void = { _ in }) throws {
        self.overSockets = overSockets
        directory = try TemporaryDirectory(prefix: "sync-server")
        var configuration = SyncServerConfiguration()
        configuration.shutdownGracePeriod = 2
        configure(&configuration)
        let clock = ManualClock(Int64(Date().timeIntervalSince1970 * 1000))
        self.clock = clock
        database = try ServerStore(directory: directory.url.path, policy: policy, configuration: configuration,
                                      clock: WallClock { clock.now })
        let log = self.log
        server = SyncServer(database: database, log: { log.append($0) })
        port = try server.start(host: "127.0.0.1", port: 0)
    }

    deinit { server.shutdown() }

    /// One request, answered in process (or over the socket when `overSockets`): the bytes
    /// a client would send are parsed by the server's own parser and handed to the
    /// server's `SyncService`, as its connection would.
    func request(_ method: String, _ target: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> RawHTTPResponse {
        if overSockets {
            return try requireValue(RawHTTPClient(port: port).request(method, target, headers: headers, body: body))
        }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        var parser = HTTPRequestParser(limits: database.configuration.http.parserLimits, remoteAddress: "127.0.0.1:50000")
        parser.feed(Array((head + "\r\n").utf8) + body)
        guard let request = try parser.nextRequest() else { throw RawHTTPClientError(message: "incomplete request") }
        let response = server.service.handle(request)
        var fields: [String: String] = [:]
        for field in response.headers { fields[field.name.lowercased()] = field.value }
        return RawHTTPResponse(status: response.status.code, headers: fields, body: response.body)
    }

    /// Adds a device and enrols it over HTTP; returns its replica id and token.
    func enrol(role: String = "facilitator", municipalities: [String] = ["Södertälje"],
               name: String = "Testenhet") throws -> (replica: ReplicaID, token: String) {
        let added = try database.deviceRegistry.addDevice(name: name, role: role, municipalities: municipalities)
        let response = try request("POST", "/v1/enroll", body: Array(#"{"code":"\#(added.code)"}"#.utf8))
        guard response.status == 200, let replica = response.json?["replica"]?.stringValue.flatMap(ReplicaID.init),
              let token = response.json?["token"]?.stringValue else {
            throw RawHTTPClientError(message: "enrolment failed: \(response.status)")
        }
        return (replica, token)
    }

    /// Pushes records in one batch and returns the response.
    func push(_ records: [RecordState], token: String, batch: String = UUID().uuidString,
              client: RawHTTPClient? = nil) throws -> RawHTTPResponse {
        guard let client else {
            return try request("POST", "/v1/sync/push", headers: ["Authorization": "Bearer \(token)"],
                               body: Self.pushBody(records, batch: batch))
        }
        return try requireValue(client.request("POST", "/v1/sync/push", headers: ["Authorization": "Bearer \(token)"],
                                               body: Self.pushBody(records, batch: batch)))
    }

    /// Pushes one record alone; returns its result's status and how many states the
    /// server read from its store meanwhile (what the push's cost follows).
    func pushCounting(_ record: RecordState, token: String) throws -> (status: String?, statesRead: Int) {
        let before = database.lookup.statesRead
        let status = try push([record], token: token).json?["results"]?.arrayValue?.first?["status"]?.stringValue
        return (status, database.lookup.statesRead - before)
    }

    /// Pulls every page and returns the records' states.
    /// One pull page from `cursor` (`""`: from the beginning): its records and next cursor.
    func pull(token: String, from cursor: String, limit: Int = 500) throws -> ([RecordState], String) {
        let response = try request("GET", "/v1/sync/pull?cursor=\(cursor)&limit=\(limit)", headers: ["Authorization": "Bearer \(token)"])
        guard response.status == 200, let json = response.json, let records = json["records"]?.arrayValue,
              let next = json["cursor"]?.stringValue else { throw RawHTTPClientError(message: "pull failed: \(response.status)") }
        return (try records.map { try RecordState(json: $0) }, next)
    }

    func pullAll(token: String, limit: Int = 500) throws -> [RecordState] {
        var cursor = ""
        var states: [RecordState] = []
        while true {
            let response = try request("GET", "/v1/sync/pull?cursor=\(cursor)&limit=\(limit)",
                                       headers: ["Authorization": "Bearer \(token)"])
            guard response.status == 200, let json = response.json, let records = json["records"]?.arrayValue,
                  let next = json["cursor"]?.stringValue else { throw RawHTTPClientError(message: "pull failed: \(response.status)") }
            for record in records { states.append(try RecordState(json: record)) }
            cursor = next
            if json["more"] != .bool(true) { return states }
        }
    }

    static func pushBody(_ records: [RecordState], batch: String) -> [UInt8] {
        var body = Array(#"{"batch":"\#(batch)","records":["#.utf8)
        for (index, record) in records.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += record.canonicalJSON
        }
        return body + Array("]}".utf8)
    }
}

/// Unwraps an optional or throws (for helpers outside `#require`).
func requireValue<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw RawHTTPClientError(message: "missing \(what)") }
    return value
}
