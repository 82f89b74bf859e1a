// The token-level steps of the direct decoder. Each starts on the first byte of its token
// (whitespace skipped) and, where it says so, skips the whitespace after it; each accepts
// exactly what `JSONParser` accepts at that place or declines.

extension RecordStateDecoder {
    /// Enters the array or object opened by `byte`, nested at `depth` (refused beyond the
    /// parser's maximum depth, as it does), and skips the whitespace after it.
    @inline(__always)
    mutating func open(_ byte: UInt8, depth: Int) throws(JSONError) {
        guard reader.position < reader.bytes.count, reader.bytes[reader.position] == byte,
              depth <= reader.maximumDepth else { throw declined }
        reader.position += 1
        reader.skipWhitespace()
    }

    /// Consumes `close` when the container just opened is empty.
    @inline(__always)
    mutating func isEmpty(closedBy close: UInt8) throws(JSONError) -> Bool {
        guard try reader.peek() == close else { return false }
        reader.position += 1
        return true
    }

    /// After a member or element: `true` behind a comma, `false` behind `close`.
    @inline(__always)
    mutating func hasMore(closedBy close: UInt8) throws(JSONError) -> Bool {
        reader.skipWhitespace()
        switch try reader.peek() {
        case UInt8(ascii: ","): reader.position += 1; return true
        case close: reader.position += 1; return false
        default: throw declined
        }
    }

    /// Consumes `byte` with the whitespace around it.
    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(JSONError) {
        reader.skipWhitespace()
        guard try reader.peek() == byte else { throw declined }
        reader.position += 1
        reader.skipWhitespace()
    }

    /// A member key and the colon after it, as the range of its bytes between the quotes.
    /// Keys with an escape are declined: they never name a known member literally.
    mutating func readKey() throws(JSONError) -> Range<Int> {
        reader.skipWhitespace()
        guard try reader.peek() == UInt8(ascii: "\"") else { throw declined }
        let start = reader.position + 1
        var end = start
        while true {
            guard end < reader.bytes.count else { throw declined }
            let byte = reader.bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { throw declined }
            end += 1
        }
        reader.position = end + 1
        try expect(UInt8(ascii: ":"))
        return start..<end
    }

    /// Whether the key's bytes are `literal`'s.
    @inline(__always)
    func matches(_ key: Range<Int>, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { expected in
            guard expected.count == key.count else { return false }
            for index in 0..<expected.count where reader.bytes[key.lowerBound + index] != expected[index] { return false }
            return true
        }
    }

    /// Whether two ranges of the input hold the same bytes.
    @inline(__always)
    func sameBytes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count, let base = reader.bytes.baseAddress else { return false }
        var index = 0
        while index + 8 <= a.count { // eight at a time: ids are mostly 12 bytes or more
            let x = UnsafeRawPointer(base + a.lowerBound + index).loadUnaligned(as: UInt64.self)
            let y = UnsafeRawPointer(base + b.lowerBound + index).loadUnaligned(as: UInt64.self)
            guard x == y else { return false }
            index += 8
        }
        while index < a.count {
            guard base[a.lowerBound + index] == base[b.lowerBound + index] else { return false }
            index += 1
        }
        return true
    }

    /// A string value, exactly as the parser reads it.
    @inline(__always)
    mutating func readString() throws(JSONError) -> String {
        guard try reader.peek() == UInt8(ascii: "\"") else { throw declined }
        return try reader.readString()
    }

    /// An integer, exactly as the parser reads it (no leading zeros, fractions or exponents,
    /// within Int64).
    @inline(__always)
    mutating func readInteger() throws(JSONError) -> Int64 {
        switch try reader.peek() {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try reader.readInteger()
        default: throw declined
        }
    }

    /// A replica id string, validated as `ReplicaID.init?` validates it. Plain ids (nearly
    /// all) are checked on their bytes and become a String once; any other string is read
    /// by the parser's code and given to `ReplicaID.init?`.
    mutating func readReplicaID() throws(JSONError) -> ReplicaID {
        guard try reader.peek() == UInt8(ascii: "\"") else { throw declined }
        let start = reader.position + 1
        // A known id followed by the closing quote is that id: its bytes were checked.
        for known in knownReplicas {
            let end = start + known.bytes.count
            if end < reader.bytes.count, reader.bytes[end] == UInt8(ascii: "\""), sameBytes(known.bytes, start..<end) {
                reader.position = end + 1
                return known.replica
            }
        }
        var end = start
        while end < reader.bytes.count, ReplicaID.isAllowed(reader.bytes[end]) { end += 1 }
        if end < reader.bytes.count, reader.bytes[end] == UInt8(ascii: "\""),
           end > start, end - start <= ReplicaID.maximumLength {
            reader.position = end + 1
            let replica = ReplicaID(validated: String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[start..<end]),
                                                      as: UTF8.self))
            if knownReplicas.count < 8 { knownReplicas.append((start..<end, replica)) }
            return replica
        }
        guard let replica = ReplicaID(try reader.readString()) else { throw declined }
        return replica
    }
}
