import Foundation
import Glibc

/// Why a `forum-server` child process could not be started.
public struct ServerProcessError: Error, CustomStringConvertible {
    public let description: String
}

/// A `forum-server serve` child process on an ephemeral port, for tests that start, stop
/// or kill it (from another thread, hence the lock).
public final class ServerProcess: @unchecked Sendable {
    public let data: String
    /// Arguments added after `serve --port 0`.
    public let extraArguments: [String]
    /// Where the child's standard error (its log) goes; `nil` discards it.
    public let standardErrorPath: String?
    private let lock = NSLock()
    private var boundPort: UInt16 = 0
    private var process: Process?

    /// The port of the running child.
    public var port: UInt16 { lock.withLock { boundPort } }

    /// The server's base URL.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The running child's process id, 0 when none runs.
    public var processIdentifier: Int32 { lock.withLock { process?.processIdentifier ?? 0 } }

    /// Starts `forum-server --data DATA serve --port 0 EXTRA…`.
    public init(data: String, extraArguments: [String] = [], standardErrorPath: String? = nil) throws {
        self.data = data
        self.extraArguments = extraArguments
        self.standardErrorPath = standardErrorPath
        try start()
    }

    deinit { kill() }

    /// Starts the server and waits for its `listening on http://127.0.0.1:PORT` line.
    /// Starts the server on `port` (0: a free one; `nil`: the port it had, so clients can
    /// reach a restarted server at the same address) and waits until it listens.
    public func start(port requested: UInt16? = 0) throws {
        let process = Process()
        process.executableURL = BuiltProducts.executable("forum-server")
        let port = requested ?? self.port
        process.arguments = ["--data", data, "serve", "--port", String(port)] + extraArguments
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        if let standardErrorPath, FileManager.default.createFile(atPath: standardErrorPath, contents: nil),
           let log = FileHandle(forWritingAtPath: standardErrorPath) {
            process.standardError = log
        } else {
            process.standardError = FileHandle.nullDevice
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        lock.withLock { self.process = process }
        var text = ""
        while !text.contains("\n") {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let parsed = UInt16(text[range].split(separator: ":").last ?? "") else {
            throw ServerProcessError(description: "forum-server did not start")
        }
        lock.withLock { boundPort = parsed }
    }

    /// SIGTERM, then waits: the graceful shutdown. Returns the exit status (nil when none ran).
    @discardableResult
    public func terminate() -> Int32? {
        guard let process = lock.withLock({ () -> Process? in defer { self.process = nil }; return self.process }) else {
            return nil
        }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// `kill -9`: no shutdown, no flushing, whatever was in flight is cut off.
    public func kill() {
        guard let process = lock.withLock({ () -> Process? in defer { self.process = nil }; return self.process }),
              process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
