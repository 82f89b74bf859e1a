import Foundation
import Glibc
import TestSupport

/// The built `forum` and `forum-server` run as child processes, and a running `forum app`.
enum Tools {
    /// The environment every child gets: the C locale (the app is told `--lang sv`), quick
    /// retries and short deadlines, so a sync with the server down fails in seconds.
    static let environment: [String: String] = ProcessInfo.processInfo.environment
        .filter { !["FORUM_DATA", "DISPLAY", "WAYLAND_DISPLAY", "LC_MESSAGES"].contains($0.key) }
        .merging(["LANG": "C", "LC_ALL": "C", "FORUM_RETRY_ATTEMPTS": "1", "FORUM_RETRY_BASE_MS": "20",
                  "FORUM_TIMEOUT_SECONDS": "5", "FORUM_UNANSWERED_SECONDS": "5"]) { $1 }

    /// Runs `name arguments…` to the end; standard output and error as text.
    @discardableResult
    static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let directory = try TemporaryDirectory(prefix: "field-app-io")
        let outPath = directory.path("out"), errPath = directory.path("err")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = BuiltProducts.executable(name)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        let text = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return (process.terminationStatus, text(outPath), text(errPath))
    }

    /// Enrols a `role` laptop in `directory` with a one-time code from the server.
    static func enrol(_ directory: String, role: String, server: ServerProcess) throws {
        let added = try run("forum-server", ["--data", server.data, "device", "add", "--name", "laptop \(role)", "--role", role,
                                             "--municipality", "Södertälje"])
        guard let range = added.out.range(of: #"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"#, options: .regularExpression) else {
            throw AppProcessError("device add failed: \(added.err)")
        }
        let enrolled = try run("forum", ["--data", directory, "enroll", server.url, String(added.out[range])])
        guard enrolled.status == 0 else { throw AppProcessError("enroll failed: \(enrolled.err)") }
    }
}

/// A running `forum-server` in a temporary directory and one enrolled laptop per role
/// (`laptop0`, `laptop1`, …); the server is killed and the directory removed with it.
final class Office {
    let directory: TemporaryDirectory
    let server: ServerProcess
    let laptops: [String]

    init(_ roles: [String]) throws {
        directory = try TemporaryDirectory(prefix: "field-app")
        server = try ServerProcess(data: directory.path("server"))
        let directory = self.directory
        laptops = roles.indices.map { directory.path("laptop\($0)") }
        for (laptop, role) in zip(laptops, roles) { try Tools.enrol(laptop, role: role, server: server) }
    }

    deinit { server.kill() }
}

/// A running `forum --data DIR --lang sv app --no-browser`.
final class AppProcess {
    let process = Process()
    /// The first URL, with the launch key.
    let url: String
    /// `http://127.0.0.1:PORT`.
    let base: String
    let port: UInt16

    init(data: String, language: String = "sv") throws {
        process.executableURL = BuiltProducts.executable("forum")
        process.arguments = ["--data", data, "--lang", language, "app", "--no-browser"]
        process.environment = Tools.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        while text.range(of: #"key=[0-9a-f]{64}"#, options: .regularExpression) == nil {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/\?key=[0-9a-f]{64}"#, options: .regularExpression) else {
            process.terminate()
            throw AppProcessError("forum app printed no address: \(text)")
        }
        url = String(text[range])
        let portText = url.split(separator: ":")[2].prefix { $0.isNumber }
        port = UInt16(portText) ?? 0
        base = "http://127.0.0.1:\(port)"
    }

    /// SIGTERM and wait: the app's own shutdown.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The cookie a browser gets for the first URL, fetched over a raw connection.
    func cookie() throws -> String {
        let client = try RawHTTPClient(port: port)
        guard let answer = client.request("GET", "/?key=" + String(url.split(separator: "=").last ?? "")),
              let setCookie = answer.headers.first(where: { $0.key.lowercased() == "set-cookie" })?.value,
              let value = setCookie.split(separator: ";").first else { throw AppProcessError("no cookie") }
        return String(value)
    }

    /// `GET target` with the cookie, over a raw connection.
    func fetch(_ target: String, cookie: String) throws -> RawHTTPResponse {
        let client = try RawHTTPClient(port: port)
        guard let answer = client.request("GET", target, headers: ["Cookie": cookie]) else { throw AppProcessError("no answer") }
        return answer
    }
}

struct AppProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
