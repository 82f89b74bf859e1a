import SyncCore
import TestSupport

/// Writes JSON in the non-canonical forms a peer may legally send, and in slightly broken
/// ones: members in random order, whitespace between any tokens, characters written as
/// escapes (`\uXXXX`, surrogate pairs, `\/`) in strings and optionally in keys, and, when
/// asked, one object with a member written twice.
struct LooseJSONWriter {
    /// Members of every object in random order.
    var shuffle = true
    /// Chance in percent of whitespace before and after each token.
    var whitespace = 20
    /// Chance in percent that a character of a string is written as an escape.
    var escapes = 10
    /// Whether keys are escaped too (the direct decoder declines escaped known keys).
    var escapeKeys = false
    /// The object (counted in writing order) that gets one member written twice.
    var duplicateMemberInObject: Int?

    private var objectsWritten = 0

    init(shuffle: Bool = true, whitespace: Int = 20, escapes: Int = 10, escapeKeys: Bool = false,
         duplicateMemberInObject: Int? = nil) {
        self.shuffle = shuffle
        self.whitespace = whitespace
        self.escapes = escapes
        self.escapeKeys = escapeKeys
        self.duplicateMemberInObject = duplicateMemberInObject
    }

    /// The bytes of `value`.
    mutating func bytes(_ value: JSONValue, rng: inout SeededGenerator) -> [UInt8] {
        var out: [UInt8] = []
        objectsWritten = 0
        space(&out, &rng)
        write(value, into: &out, rng: &rng)
        space(&out, &rng)
        return out
    }

    private func space(_ out: inout [UInt8], _ rng: inout SeededGenerator) {
        guard rng.chance(whitespace) else { return }
        for _ in 0...rng.below(3) { out.append(rng.pick([0x20, 0x09, 0x0A, 0x0D])) }
    }

    private mutating func write(_ value: JSONValue, into out: inout [UInt8], rng: inout SeededGenerator) {
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            space(&out, &rng)
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")); space(&out, &rng) }
                write(element, into: &out, rng: &rng)
                space(&out, &rng)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            var pairs = Array(members)
            if shuffle { pairs.shuffle(using: &rng) } else { pairs.sort { $0.key < $1.key } }
            if objectsWritten == duplicateMemberInObject, let repeated = pairs.first {
                pairs.insert(rng.chance(50) ? repeated : (repeated.key, .integer(7)), at: rng.below(pairs.count + 1))
            }
            objectsWritten += 1
            out.append(UInt8(ascii: "{"))
            space(&out, &rng)
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")); space(&out, &rng) }
                writeString(pair.key.string, escaping: escapeKeys ? escapes : 0, into: &out, rng: &rng)
                space(&out, &rng)
                out.append(UInt8(ascii: ":"))
                space(&out, &rng)
                write(pair.value, into: &out, rng: &rng)
                space(&out, &rng)
            }
            out.append(UInt8(ascii: "}"))
        case .string(let string):
            writeString(string, escaping: escapes, into: &out, rng: &rng)
        default:
            JSONWriter.write(value, into: &out)
        }
    }

    private func writeString(_ string: String, escaping percent: Int, into out: inout [UInt8], rng: inout SeededGenerator) {
        if percent == 0 { // the common case, quickly: only what JSON requires escaped
            JSONWriter.writeString(string, into: &out)
            return
        }
        out.append(UInt8(ascii: "\""))
        for scalar in string.unicodeScalars {
            let value = scalar.value
            if value == 0x22 || value == 0x5C || value < 0x20 || rng.chance(percent) {
                switch value {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x2F where rng.chance(50): out.append(0x5C); out.append(0x2F)
                case 0x0A where rng.chance(50): out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x10000...:
                    let offset = value - 0x10000
                    hex(0xD800 + (offset >> 10), into: &out, upper: rng.chance(50))
                    hex(0xDC00 + (offset & 0x3FF), into: &out, upper: rng.chance(50))
                default: hex(value, into: &out, upper: rng.chance(50))
                }
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private func hex(_ value: UInt32, into out: inout [UInt8], upper: Bool) {
        out.append(0x5C)
        out.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            out.append(digit < 10 ? UInt8(ascii: "0") + digit : (upper ? UInt8(ascii: "A") : UInt8(ascii: "a")) + digit - 10)
        }
    }
}
