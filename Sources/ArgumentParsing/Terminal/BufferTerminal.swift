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
