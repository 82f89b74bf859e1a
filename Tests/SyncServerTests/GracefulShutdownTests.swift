import Foundation
import Glibc
import Testing
import SyncCore
import TestSupport
@testable import SyncServer

@Suite struct GracefulShutdownTests {
    private static let executable = BuiltProducts.executable("forum-server")

    /// Runs `forum-server` to completion and returns its standard output.
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ["LANG": "C"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func everyAcknowledgedPushSurvivesSIGTERMAndTheProcessExitsZero() throws {
        let directory = try TemporaryDirectory(prefix: "forum-server-shutdown")
        let data = directory.url.path
        let added = try run(["device", "add", "--data", data, "--name", "Test", "--role", "facilitator",
                             "--municipality", "Södertälje", "--lang", "en"])
        let code = try #require(added.split(whereSeparator: { $0 == " " || $0 == "\n" })
            .first { $0.count == 14 && $0.filter { $0 == "-" }.count == 2 }).description

        let server = try ServerProcess(data: data)
        let port = server.port

        let enrolment = try #require(try RawHTTPClient(port: port).request("POST", "/v1/enroll", body: Array(#"{"code":"\#(code)"}"#.utf8))?.json)
        let token = try #require(enrolment["token"]?.stringValue)
        let replica = try #require(enrolment["replica"]?.stringValue.flatMap(ReplicaID.init))

        let acknowledged = LockedIDs()
        let started = DispatchSemaphore(value: 0)
        let group = BlockingWorkers.start(count: 4) { worker in
            for round in 0..<10_000 {
                if round == 5 { started.signal() }
                guard let client = try? RawHTTPClient(port: port),
                      let forum = try? Records.forum("f-\(worker)-\(round)", municipality: "Södertälje", by: replica),
                      let response = client.request("POST", "/v1/sync/push", headers: ["Authorization": "Bearer \(token)"],
                                                    body: ServerFixture.pushBody([forum], batch: "b-\(worker)-\(round)"))
                else { return }
                guard response.status == 200 else { return }
                acknowledged.insert(forum.id)
            }
        }
        for _ in 0..<4 { started.wait() }
        #expect(server.terminate() == 0, "SIGTERM mid-push ends the server with exit 0")
        group.wait()

        let database = try ServerStore(directory: data, policy: ForumPolicy())
        let stored = Set(try database.store.records(in: "forum", limit: 100_000).map(\.id))
        #expect(acknowledged.values.count >= 20)
        #expect(acknowledged.values.isSubset(of: stored))
    }
}
