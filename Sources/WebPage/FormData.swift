import HTTPServer

/// The fields of an `application/x-www-form-urlencoded` body or query string.
public struct FormData: Sendable {
    /// The fields in order; a name may repeat (e.g. several municipalities).
    public let fields: [(name: String, value: String)]

    /// Parses `bytes`; malformed escapes or invalid UTF-8 make the whole body unreadable.
    /// - Returns: `nil` when the body cannot be read.
    public init?(body bytes: [UInt8]) {
        var fields: [(String, String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]),
                  let value = parts.count > 1 ? Self.decode(parts[1]) : "" else { return nil }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// The first value of `name`.
    public subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// Decodes `%XX` escapes and `+` as space; `nil` for a malformed escape or invalid UTF-8.
    public static func decode(_ bytes: some Collection<UInt8>) -> String? {
        PercentDecoding.decode(bytes: bytes, plusIsSpace: true)
    }
}
