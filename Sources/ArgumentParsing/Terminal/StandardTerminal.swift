#if canImport(Glibc)
import Glibc
#endif

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
