/// The stable identifier of one message in the catalogue, a dotted path such as
/// `"cli.error.unknown_option"`: area, then concern, then message.
///
/// Keys are part of the product's interface to translators and tests; rename them only
/// together with every use.
public struct MessageKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The dotted key.
    public let rawValue: String

    /// Creates a key from its dotted form.
    ///
    /// - Parameter rawValue: The dotted key.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
}
