/// The identity of one replica: a device enrolled with the server, or the server itself.
///
/// Replica ids are opaque, case-sensitive ASCII strings of 1 to 64 characters from
/// `[A-Za-z0-9._-]`. They order lexicographically by their UTF-8 bytes, which is the
/// order used to break ties between concurrent writes (see `FieldEntry`).
public struct ReplicaID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The raw identifier.
    public let rawValue: String

    /// The longest accepted identifier, in bytes.
    public static let maximumLength = 64

    /// Creates a replica id, or returns `nil` when `rawValue` is empty, too long or has a
    /// character outside `[A-Za-z0-9._-]`.
    public init?(_ rawValue: String) {
        guard rawValue.withUTF8Bytes({ bytes in
            !bytes.isEmpty && bytes.count <= Self.maximumLength && bytes.allSatisfy(Self.isAllowed)
        }) else { return nil }
        self.rawValue = rawValue
    }

    /// The server's replica id. Admin resolutions carry it.
    public static let server = ReplicaID(validated: "server")

    init(validated rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: ReplicaID, rhs: ReplicaID) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    /// Whether `byte` may occur in a replica id (also used by the direct record decoder).
    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
