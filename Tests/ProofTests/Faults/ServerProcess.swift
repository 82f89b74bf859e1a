import Foundation
import Glibc
import TestSupport

/// A `forum-server serve` child process on an ephemeral port, for tests that kill it
/// (from another thread, hence the lock).
final class ServerProcess: @unchecked Sendable {
    let data: String
    private let lock = NSLock()
    private var boundPort: UInt16 = 0
    private var process: Process?

    /// The port of the running child.
    var port: UInt16 { lock.withLock { boundPort } }

    init(data: String) throws {
        self.data = data
        try start()
    }

    deinit { kill() }

    /// Starts the server and waits for its `listening on http://127.0.0.1:PORT` line.
    func start() throws {
        let process = Process()
        process.executableURL = BuiltProducts.executable("forum-server")
        process.arguments = ["--data", data, "serve", "--port", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
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
            throw CountyFailure("forum-server did not start")
        }
        lock.withLock { boundPort = parsed }
    }

    /// `kill -9`: no shutdown, no flushing, whatever was in flight is cut off.
    func kill() {
        guard let process = lock.withLock({ () -> Process? in defer { self.process = nil }; return self.process }),
              process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
