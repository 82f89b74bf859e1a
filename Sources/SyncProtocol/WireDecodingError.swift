/// An answer that is not what the protocol promises (a client reading a server's body).
/// The message says what was missing or wrong, in English, without any record's values.
public struct WireDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the answer.
    public let message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
