/// The byte-level JSON reader behind `JSONParser`, shared with the direct record-state
/// decoder (`RecordStateDecoder`) so that both read strings, numbers, literals and nested
/// values by one and the same code: whatever one accepts or refuses, the other does too.
///
/// A reader is positioned on a byte of `bytes`; every `read…` starts at the first byte of
/// the token (whitespace already skipped) and leaves `position` just behind it.
struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = 64) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    func error(_ code: JSONError.Code) -> JSONError { JSONError(code: code, offset: position) }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    @inline(__always)
    func peek() throws(JSONError) -> UInt8 {
        guard position < bytes.count else { throw error(.unexpectedEnd) }
        return bytes[position]
    }

    mutating func readValue(depth: Int) throws(JSONError) -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return try readObject(depth: depth + 1)
        case UInt8(ascii: "["): return try readArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try readInteger())
        default: throw error(.unexpectedCharacter)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw error(.unexpectedEnd) }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        guard matches else { throw error(.unexpectedCharacter) }
        position += count
    }

    mutating func readObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw error(.tooDeep) }
        position += 1
        var members: [JSONKey: JSONValue] = [:]
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard try peek() == UInt8(ascii: "\"") else { throw error(.unexpectedCharacter) }
            let keyStart = position
            let key = try readString()
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw error(.unexpectedCharacter) }
            position += 1
            skipWhitespace()
            let value = try readValue(depth: depth)
            // Keys are told apart by their bytes (RFC 8259): "é" and "e\u0301" are two keys,
            // while an escaped and a raw spelling of the same bytes are one.
            guard members.updateValue(value, forKey: JSONKey(key)) == nil else {
                throw JSONError(code: .duplicateKey, offset: keyStart)
            }
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return .object(members)
            default: throw error(.unexpectedCharacter)
            }
        }
    }

    mutating func readArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw error(.tooDeep) }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth))
            skipWhitespace()
            switch try peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return .array(elements)
            default: throw error(.unexpectedCharacter)
            }
        }
    }

    mutating func readInteger() throws(JSONError) -> Int64 {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") { negative = true; position += 1 }
        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
            throw error(.invalidNumber)
        }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count,
           (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position + 1]) {
            throw error(.invalidNumber) // leading zeros are not JSON
        }
        // Accumulate negatively so Int64.min is representable.
        var value: Int64 = 0
        let digitsStart = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            let digit = Int64(bytes[position] - UInt8(ascii: "0"))
            if position - digitsStart < 18 {
                value = value &* 10 &- digit // 18 digits cannot overflow
            } else {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.subtractingReportingOverflow(digit)
                guard !o1, !o2 else { throw JSONError(code: .integerOutOfRange, offset: start) }
                value = next
            }
            position += 1
        }
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw JSONError(code: .fractionNotAllowed, offset: start)
            default: break
            }
        }
        if negative { return value }
        guard value != .min else { throw JSONError(code: .integerOutOfRange, offset: start) }
        return -value
    }

    mutating func readString() throws(JSONError) -> String {
        position += 1 // opening quote
        // Fast path: a string without escapes (nearly all of them) becomes a String straight
        // from the input bytes, without first copying them into an array of its own.
        let start = position
        var allBytes: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<position])
                guard let string = allBytes < 0x80 ? String(decoding: run, as: UTF8.self) : Self.validatedString(run) else {
                    throw error(.invalidUTF8)
                }
                position += 1
                return string
            }
            if byte < 0x20 { throw error(.invalidString) }
            if byte == UInt8(ascii: "\\") { break }
            allBytes |= byte
            position += 1
        }
        position = start
        var scalars: [UInt8] = []
        var runStart = position
        while true {
            guard position < bytes.count else { throw error(.unexpectedEnd) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: bytes[runStart..<position])
                position += 1
                break
            }
            if byte < 0x20 { throw error(.invalidString) }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: bytes[runStart..<position])
                position += 1
                try readEscape(into: &scalars)
                runStart = position
                continue
            }
            position += 1
        }
        guard let string = String(validating: scalars, as: UTF8.self) else { throw error(.invalidUTF8) }
        return string
    }

    /// The string of `run` when it is valid UTF-8, else `nil`; the same answer as
    /// `String(validating:as:)`, which is generic and slow to call per string. Decoding
    /// repairs invalid UTF-8 with U+FFFD, which never leaves the bytes as they were, so the
    /// run is valid exactly when decoding gives its bytes back unchanged.
    static func validatedString(_ run: UnsafeBufferPointer<UInt8>) -> String? {
        var string = String(decoding: run, as: UTF8.self)
        let unchanged = string.withUTF8 { decoded in
            decoded.count == run.count && (0..<run.count).allSatisfy { decoded[$0] == run[$0] }
        }
        return unchanged ? string : nil
    }

    mutating func readEscape(into out: inout [UInt8]) throws(JSONError) {
        let byte = try peek()
        position += 1
        switch byte {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                      bytes[position + 1] == UInt8(ascii: "u") else { throw error(.invalidString) }
                position += 2
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error(.invalidString) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error(.invalidString)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error(.invalidString) }
            out.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error(.invalidString)
        }
    }

    mutating func readHex4() throws(JSONError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw error(.unexpectedEnd) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error(.invalidString)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
