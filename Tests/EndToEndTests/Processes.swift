import Foundation
import TestSupport

/// The outcome of a finished process.
struct ProcessResult {
    let status: Int32
    let stdout: String
    let stderr: String
    let stdoutBytes: [UInt8]
}

/// Runs the built executables as separate processes, output captured in files (so a
/// large export can never block on a full pipe).
enum Processes {
    /// The environment every child gets: English messages, quick retries.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["LC_ALL"] = "C"
        environment["LC_MESSAGES"] = nil
        environment["FORUM_DATA"] = nil
        environment["FORUM_RETRY_ATTEMPTS"] = "2"
        environment["FORUM_RETRY_BASE_MS"] = "20"
        environment["FORUM_TIMEOUT_SECONDS"] = "20"
        return environment
    }()

    /// Runs `name` with `arguments` to completion.
    static func run(_ name: String, _ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> ProcessResult {
        let directory = try TemporaryDirectory(prefix: "forum-e2e-io")
        let outPath = directory.path("out"), errPath = directory.path("err")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = BuiltProducts.executable(name)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        let out = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
        let err = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: err, stdoutBytes: out)
    }
}

/// A running `forum-server serve`, stopped with SIGTERM by `stop()` or when released.
final class ServerProcess {
    let data: String
    private(set) var port: Int = 0
    private var process: Process?

    /// Starts a server on `data`; `port` 0 picks a free one (kept for restarts).
    init(data: String, port: Int = 0) throws {
        self.data = data
        try start(port: port)
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func start(port requested: Int? = nil) throws {
        let process = Process()
        process.executableURL = BuiltProducts.executable("forum-server")
        process.arguments = ["--data", data, "serve", "--port", String(requested ?? port)]
        process.environment = Processes.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // Wait for "listening on http://127.0.0.1:PORT".
        var text = ""
        while !text.contains("\n") {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let parsed = Int(text[range].split(separator: ":").last ?? "") else {
            throw HarnessError("server did not start: \(text)")
        }
        port = parsed
    }

    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        self.process = nil
    }

    deinit { stop() }

    /// `forum-server device add`; returns the one-time code.
    func addDevice(role: String, municipality: String = "Södertälje") throws -> String {
        let result = try Processes.run("forum-server", ["--data", data, "device", "add", "--name", "test \(role)",
                                                        "--role", role, "--municipality", municipality])
        guard result.status == 0, let range = result.stdout.range(of: #"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"#, options: .regularExpression) else {
            throw HarnessError("device add failed: \(result.status)")
        }
        return String(result.stdout[range])
    }

    /// Runs `forum-server --data DATA <arguments>`.
    func admin(_ arguments: [String]) throws -> ProcessResult {
        try Processes.run("forum-server", ["--data", data] + arguments)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
