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
