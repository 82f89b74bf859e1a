import Foundation
import Testing
import TestSupport
@testable import SyncServer

@Suite struct ForumServerCommandTests {
    private static let executable = BuiltProducts.executable("forum-server")

    private func run(_ arguments: [String], lang: String = "C") throws -> (out: String, err: String, status: Int32) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ["LANG": lang]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func helpUsageErrorsAndRuntimeErrorsHaveTheirExitCodes() throws {
        let directory = try TemporaryDirectory(prefix: "forum-server-cli")
        let data = directory.url.path
        let help = try run(["device", "add", "--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("--municipality"))

        let usage = try run(["device", "add", "--data", data, "--bogus"])
        #expect(usage.status == 64)
        #expect(usage.err.contains("--bogus"))

        let missing = try run(["backup", "--data", data])
        #expect(missing.status == 64)

        let revoke = try run(["device", "revoke", "dev-00000000", "--data", data], lang: "sv_SE.UTF-8")
        #expect(revoke.status == 1)
        #expect(revoke.err == "Fel: finns inte\n")

        let added = try run(["device", "add", "--data", data, "--name", "Kims dator", "--role", "coordinator",
                             "--municipality", "Södertälje", "--municipality", "Nykvarn"])
        #expect(added.status == 0)
        let list = try run(["device", "list", "--json", "--data", data])
        let devices = try #require(try? JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        #expect(devices.first?["municipalities"] as? [String] == ["Södertälje", "Nykvarn"])
        #expect(devices.first?["state"] as? String == "pending")

        #expect(try run(["conflicts", "list", "--json", "--data", data]).out == "[]\n")
        let backup = try run(["backup", "--data", data, "--to", directory.path("copy.sqlite")])
        #expect(backup.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path("copy.sqlite")))
    }
}

@Suite struct ForumServerConnectionLimitTests {
    private static let executable = BuiltProducts.executable("forum-server")

    /// `serve --max-connections N` reaches the HTTP server: with N = 1 and one connection
    /// held open, a second connection is answered 503 and the server keeps serving.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func maxConnectionsOptionLimitsSimultaneousConnections() throws {
        let directory = try TemporaryDirectory(prefix: "forum-server-limit")
        let server = try ServerProcess(data: directory.url.path, extraArguments: ["--max-connections", "1"])
        let port = server.port

        let held = try RawHTTPClient(port: port)
        #expect(held.request("GET", "/healthz")?.status == 200)       // keep-alive: still open
        let second = try RawHTTPClient(port: port)
        #expect(second.request("GET", "/healthz")?.status == 503)
        held.finishSending()
        _ = held.isClosedByPeer()
        // Once the held connection is gone, a new one is served again.
        var served = false
        for _ in 0..<50 where !served {
            served = (try? RawHTTPClient(port: port))?.request("GET", "/healthz")?.status == 200
            if !served { usleep(50_000) }
        }
        #expect(served)
        #expect(server.terminate() == 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func aMaxConnectionsOfZeroIsAUsageError() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--max-connections", "0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 64)
    }
}
