import Foundation
import Glibc
import Testing
import TestSupport

/// `Server/forum-server.service` with `Server/forum-server.example.conf` starts a server:
/// every flag the unit passes exists, with the example's values.
@Suite struct ServiceUnitTests {
    static let server = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Server")

    @Test func theUnitsCommandLineWithTheExampleSettingsStartsTheServer() throws {
        let unit = try String(contentsOf: Self.server.appendingPathComponent("forum-server.service"), encoding: .utf8)
        let conf = try String(contentsOf: Self.server.appendingPathComponent("forum-server.example.conf"), encoding: .utf8)
        var settings: [String: String] = [:]
        for line in conf.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { settings[String(parts[0])] = String(parts[1]) }
        }
        let exec = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        var words = exec.split(separator: " ").map(String.init).drop { $0 != "serve" }.dropFirst().map { word in
            settings.reduce(word) { $0.replacingOccurrences(of: "${\($1.key)}", with: $1.value) }
        }
        #expect(!words.contains { $0.contains("${") }, "every variable the unit uses is in the example")
        #expect(words.contains("--trusted-proxy") && words.contains("--metrics-port"))
        // This test's own data directory and free ports instead of the example's.
        for (flag, value) in [("--data", nil), ("--host", nil), ("--port", nil), ("--metrics-port", "0")] {
            guard let index = words.firstIndex(of: flag) else { continue }
            if let value { words[index + 1] = value } else { words.removeSubrange(index...(index + 1)) }
        }
        let directory = try TemporaryDirectory(prefix: "service-unit")
        let server = try ServerProcess(data: directory.path("data"), extraArguments: words)
        #expect(server.port > 0)
        #expect(server.terminate() == 0)
    }
}
