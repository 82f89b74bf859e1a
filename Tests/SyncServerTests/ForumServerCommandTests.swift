import Foundation
import Testing
import TestSupport
@testable import SyncServer

/// Runs the built `forum-server` with `arguments` and `LANG=lang`; its output and status.
func runForumServer(_ arguments: [String], lang: String = "C") throws -> (out: String, err: String, status: Int32) {
    let process = Process()
    process.executableURL = BuiltProducts.executable("forum-server")
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

@Suite struct ForumServerCommandTests {
    private static let executable = BuiltProducts.executable("forum-server")

    private func run(_ arguments: [String], lang: String = "C") throws -> (out: String, err: String, status: Int32) {
        try runForumServer(arguments, lang: lang)
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

        // A directory without a database (a mistyped --data) is refused, and left without one.
        let revoke = try run(["device", "revoke", "dev-00000000", "--data", data], lang: "sv_SE.UTF-8")
        #expect(revoke.status == 1)
        #expect(revoke.err.hasPrefix("Fel: det finns ingen serverdatabas i datakatalogen"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("server.sqlite")))

        let added = try run(["device", "add", "--data", data, "--name", "Kims dator", "--role", "coordinator",
                             "--municipality", "Södertälje", "--municipality", "Nykvarn"])
        #expect(added.status == 0)
        #expect(added.err.contains("A new server database was created"))
        let unknown = try run(["device", "revoke", "dev-00000000", "--data", data], lang: "sv_SE.UTF-8")
        #expect(unknown.status == 1)
        #expect(unknown.err == "Fel: finns inte\n")
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

/// `forum-server` takes ids shortened as listings show them (issue 19): a device by the
/// first characters of its id, with or without `dev-`; an ambiguous or too short prefix is
/// refused with the candidates, and nothing is done.
@Suite struct ForumServerShortIDTests {
    private static let executable = BuiltProducts.executable("forum-server")

    private func run(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
        try runForumServer(arguments)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: executable.path)))
    func aDeviceIsRevokedByTheFirstCharactersOfItsID() throws {
        let directory = try TemporaryDirectory(prefix: "forum-server-short")
        let data = directory.url.path
        var ids: [String] = []
        for name in ["A", "B"] {
            let added = try run(["device", "add", "--data", data, "--name", name, "--role", "facilitator", "--municipality", "Södertälje"])
            #expect(added.status == 0)
            let range = try #require(added.out.range(of: #"dev-[0-9a-f]{8}"#, options: .regularExpression))
            ids.append(String(added.out[range]))
        }
        let first = ids[0], short = String(first.dropFirst(4).prefix(6))
        #expect(try run(["device", "revoke", "--data", data, String(short.prefix(3))]).status == 1) // too short
        let revoked = try run(["device", "revoke", "--data", data, short])
        #expect(revoked.status == 0, "\(revoked.err)")
        #expect(revoked.out.contains(first))
        let listed = try run(["device", "list", "--json", "--data", data])
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        #expect(devices.first { $0["id"] as? String == first }?["state"] as? String == "revoked")
        #expect(devices.first { $0["id"] as? String == ids[1] }?["state"] as? String == "pending")
        #expect(try run(["device", "revoke", "--data", data, "dev-ffffffff"]).err.contains("not found"))
    }

    @Test func anAmbiguousOrTooShortPrefixIsRefusedWithTheCandidates() throws {
        let directory = try TemporaryDirectory(prefix: "forum-server-ambiguous")
        let database = try ServerStore(directory: directory.url.path, policy: ForumPolicy())
        let device = RecordFixtures.replica("dev-a")
        for id in ["abcd1111", "abcd2222"] {
            try database.store.save(try Records.participant(id, municipality: "Södertälje", name: "P", by: device))
        }
        do {
            _ = try database.recordsOffice.recordID(in: "participant", matching: "abcd")
            Issue.record("an ambiguous prefix was taken")
        } catch {
            #expect(error.code == "ambiguous_id")
            #expect(error.extra["suggestions"]?.arrayValue == [.string("abcd1111"), .string("abcd2222")])
        }
        #expect(try database.recordsOffice.recordID(in: "participant", matching: "abcd2") == "abcd2222")
        #expect(try database.recordsOffice.recordID(in: "participant", matching: "abcd1111") == "abcd1111")
        #expect(throws: SyncServerError.self) { try database.recordsOffice.recordID(in: "participant", matching: "abc") }
        #expect(try database.conflictDesk.conflictID(matching: "participant/abcd1") == "participant/abcd1111")
    }
}
