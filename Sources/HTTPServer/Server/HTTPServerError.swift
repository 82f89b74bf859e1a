import Glibc

/// A failure of the socket layer, with a stable `code`.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// The stable codes.
    public enum Code: String, Sendable {
        /// The host is not an IPv4 or IPv6 literal.
        case invalidAddress = "invalid_address"
        /// A system call failed; `call` and `errno` say which and why.
        case systemCallFailed = "system_call_failed"
        /// `start` was called on a server that is running or was shut down.
        case invalidState = "invalid_state"
    }

    /// The stable code.
    public let code: Code
    /// The failing system call, e.g. `"bind"`, for `.systemCallFailed`.
    public let call: String?
    /// The `errno` value for `.systemCallFailed`.
    public let errno: Int32?
    /// A human-readable explanation.
    public let message: String

    /// Creates an error with a code and a fixed message.
    public init(code: Code, message: String) {
        self.code = code
        self.call = nil
        self.errno = nil
        self.message = message
    }

    init(call: String, errno: Int32) {
        self.code = .systemCallFailed
        self.call = call
        self.errno = errno
        self.message = "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
