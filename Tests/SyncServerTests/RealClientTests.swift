import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import SyncCore
@testable import SyncServer

@Suite struct RealClientTests {
    /// Runs curl and returns standard output and error.
    private func curl(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["--silent", "--show-error"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func curlEnrolsPushesAndPullsOverOneKeptAliveConnection() throws {
        let fixture = try ServerFixture()
        let base = "http://127.0.0.1:\(fixture.port)"
        let added = try fixture.database.deviceRegistry.addDevice(name: "curl", role: "facilitator", municipalities: ["Södertälje"])
        let enrol = try curl(["-H", "Content-Type: application/json", "--data-binary", #"{"code":"\#(added.code)"}"#, "\(base)/v1/enroll"])
        let enrolment = try JSONParser().parse(enrol.out)
        let token = try #require(enrolment["token"]?.stringValue)
        let replica = try #require(enrolment["replica"]?.stringValue.flatMap(ReplicaID.init))

        let body = fixture.directory.path("push.json")
        try Data(ServerFixture.pushBody(Records.meeting(by: replica), batch: "curl-1")).write(to: URL(fileURLWithPath: body))
        // Two requests in one invocation: curl reuses the connection when the server keeps it alive.
        let push = try curl(["--verbose", "-H", "Authorization: Bearer \(token)", "--data-binary", "@\(body)",
                             "\(base)/v1/sync/push", "--next", "-H", "Authorization: Bearer \(token)",
                             "\(base)/v1/sync/pull?limit=10"])
        #expect(push.status == 0)
        #expect(push.err.contains("Re-using existing connection") || push.err.contains("Reusing existing"))
        #expect(push.out.contains(#""status":"merged""#))
        #expect(push.out.contains(#""displayName":[{"#))
        #expect(push.out.contains(#""more":false"#))
    }

    @Test func urlSessionEnrolsPushesAndPulls() throws {
        let fixture = try ServerFixture()
        let base = "http://127.0.0.1:\(fixture.port)"
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        func send(_ path: String, method: String = "GET", token: String? = nil, body: [UInt8]? = nil) throws -> (Int, JSONValue) {
            var request = URLRequest(url: try #require(URL(string: base + path)))
            request.httpMethod = method
            request.setValue("forum/test", forHTTPHeaderField: "User-Agent")
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let body { request.httpBody = Data(body) }
            let box = ResponseBox()
            let done = DispatchSemaphore(value: 0)
            session.dataTask(with: request) { data, response, _ in
                box.set(status: (response as? HTTPURLResponse)?.statusCode ?? 0, data: data ?? Data())
                done.signal()
            }.resume()
            #expect(done.wait(timeout: .now() + 30) == .success)
            return (box.status, try JSONParser().parse(box.data))
        }
        let added = try fixture.database.deviceRegistry.addDevice(name: "app", role: "facilitator", municipalities: ["Södertälje"])
        let (enrolStatus, enrolment) = try send("/v1/enroll", method: "POST", body: Array(#"{"code":"\#(added.code)"}"#.utf8))
        #expect(enrolStatus == 200)
        let token = try #require(enrolment["token"]?.stringValue)
        let replica = try #require(enrolment["replica"]?.stringValue.flatMap(ReplicaID.init))
        let records = try Records.meeting(by: replica)
        let (pushStatus, pushed) = try send("/v1/sync/push", method: "POST", token: token,
                                            body: ServerFixture.pushBody(records, batch: "urlsession"))
        #expect(pushStatus == 200)
        #expect(pushed["results"]?.arrayValue?.count == 3)
        var cursor = ""
        var pulled: [RecordState] = []
        for _ in 0..<5 {
            let (status, page) = try send("/v1/sync/pull?cursor=\(cursor)&limit=2", token: token)
            #expect(status == 200)
            pulled += try (page["records"]?.arrayValue ?? []).map { try RecordState(json: $0) }
            cursor = page["cursor"]?.stringValue ?? ""
            if page["more"] != .bool(true) { break }
        }
        #expect(Set(pulled.map(\.id)) == Set(records.map(\.id)))
    }
}

final class ResponseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storedStatus = 0
    private var storedData = Data()
    func set(status: Int, data: Data) { lock.withLock { storedStatus = status; storedData = data } }
    var status: Int { lock.withLock { storedStatus } }
    var data: Data { lock.withLock { storedData } }
}
