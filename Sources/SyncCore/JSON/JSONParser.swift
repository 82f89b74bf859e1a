/// A strict RFC 8259 JSON reader producing `JSONValue`.
///
/// Strict where leniency could hide a mistake: integers only (no fraction or exponent),
/// no duplicate keys, valid UTF-8 only, nesting bounded by `maximumDepth`, nothing but
/// whitespace after the value.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted. Default: 64.
    public var maximumDepth: Int

    /// Creates a parser.
    public init(maximumDepth: Int = 64) { self.maximumDepth = maximumDepth }

    /// Parses one JSON document.
    /// - Throws: `JSONError` with the byte offset where reading stopped.
    /// - Complexity: O(n) in the number of bytes.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSONValue {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { (buffer) throws(JSONError) -> JSONValue in
            var reader = JSONByteReader(bytes: buffer, maximumDepth: maximumDepth)
            reader.skipWhitespace()
            let value = try reader.readValue(depth: 0)
            reader.skipWhitespace()
            guard reader.position == buffer.count else { throw reader.error(.trailingData) }
            return value
        }
    }

    /// Parses a JSON document from a string.
    public func parse(_ text: String) throws(JSONError) -> JSONValue { try parse(Array(text.utf8)) }
}
