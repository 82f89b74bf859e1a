import Foundation
import Glibc
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

    /// Runs `name` with `arguments` to completion; with `killAfter`, a child still running
    /// after that many seconds is killed (SIGKILL, status 137 as `HarnessError`), so a test
    /// of something that must end cannot hang the suite.
    static func run(_ name: String, _ arguments: [String], extraEnvironment: [String: String] = [:],
                    killAfter: Double? = nil) throws -> ProcessResult {
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
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        if let killAfter, ended.wait(timeout: .now() + killAfter) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw HarnessError("\(name) \(arguments.filter { !$0.hasPrefix("/") }.joined(separator: " ")) still ran after \(Int(killAfter)) s and was killed")
        }
        process.waitUntilExit()
        let out = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
        let err = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: err, stdoutBytes: out)
    }
}

/// The end-to-end tests' uses of TestSupport's `forum-server` child process.
extension ServerProcess {
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
