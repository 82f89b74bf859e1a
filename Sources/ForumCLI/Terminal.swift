import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a command writes and reads: the process's streams, or buffers in tests.
public protocol Terminal: AnyObject {
    /// Writes to standard output.
    func out(_ text: String)
    /// Writes to standard error.
    func err(_ text: String)
    /// Writes raw bytes to standard output (CSV, canonical JSON).
    func outBytes(_ bytes: [UInt8])
    /// Whether standard output is a terminal (progress bars, colours of nothing else).
    var isInteractive: Bool { get }
    /// Whether standard input is a terminal a person can answer on.
    var canAsk: Bool { get }
    /// Reads one line of input, `nil` at end of input.
    func readLine() -> String?
}

/// The process's own streams.
public final class StandardTerminal: Terminal {
    public init() {}

    public func out(_ text: String) { write(1, Array(text.utf8)) }
    public func err(_ text: String) { write(2, Array(text.utf8)) }
    public func outBytes(_ bytes: [UInt8]) { write(1, bytes) }
    public var isInteractive: Bool { isatty(1) == 1 }
    public var canAsk: Bool { isatty(0) == 1 && isatty(2) == 1 }
    public func readLine() -> String? { Swift.readLine() }

    private func write(_ descriptor: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }
}

/// A terminal that keeps what is written, for tests.
public final class BufferTerminal: Terminal {
    public private(set) var output: [UInt8] = []
    public private(set) var error = ""
    public var isInteractive: Bool
    public var canAsk: Bool
    public var input: [String]

    public init(isInteractive: Bool = false, input: [String] = []) {
        self.isInteractive = isInteractive
        self.canAsk = isInteractive
        self.input = input
    }

    /// Standard output as text.
    public var text: String { String(decoding: output, as: UTF8.self) }

    public func out(_ text: String) { output += Array(text.utf8) }
    public func err(_ text: String) { error += text }
    public func outBytes(_ bytes: [UInt8]) { output += bytes }
    public func readLine() -> String? { input.isEmpty ? nil : input.removeFirst() }
}
