import SyncCore
import TestSupport

/// Seeded mutations of JSON documents, from single bytes to whole members, that keep most
/// inputs close enough to valid that both decoders read deep into them before they differ
/// from the original, if they do.
enum ByteMutator {
    /// Bytes that matter to a JSON reader.
    static let interestingBytes: [UInt8] = Array(#"{}[]:,"\ 0123456789-+.eEtfnu/abAZ_"#.utf8) + [0x09, 0x0A, 0x0D, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xF0, 0xFF]
    /// Number texts on either side of every numeric rule.
    static let numbers = ["0", "-0", "01", "-01", "1.0", "1e2", "1E2", "-", "9223372036854775807", "9223372036854775808",
                          "-9223372036854775808", "-9223372036854775809", "4294967295", "4294967296", "-1", "1",
                          "99999999999999999999", "123456789012345678", "1234567890123456789"]
    /// String contents that are invalid or unusual.
    static let stringInserts = [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\ud83d\ude00"#, #"\u00e5"#, #"\x"#, #"\u12"#, "\u{7F}", #"\/"#]

    /// The kinds of mutation, each applied to the bytes of a document.
    enum Kind: CaseIterable {
        case flipBit, replaceByte, insertByte, deleteByte, swapBytes, truncate, replaceNumber, insertInString, duplicateRange
    }

    /// `bytes` with one mutation of `kind`.
    static func mutate(_ bytes: [UInt8], _ kind: Kind, rng: inout SeededGenerator) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var out = bytes
        let at = rng.below(bytes.count)
        switch kind {
        case .flipBit: out[at] ^= 1 << UInt8(rng.below(8))
        case .replaceByte: out[at] = rng.pick(interestingBytes)
        case .insertByte: out.insert(rng.pick(interestingBytes), at: rng.below(bytes.count + 1))
        case .deleteByte: out.remove(at: at)
        case .swapBytes: out.swapAt(at, rng.below(bytes.count))
        case .truncate: out.removeSubrange(rng.below(bytes.count)...)
        case .replaceNumber:
            let runs = numberRuns(bytes)
            guard let run = runs.isEmpty ? nil : rng.pick(runs) else { return mutate(bytes, .replaceByte, rng: &rng) }
            out.replaceSubrange(run, with: Array(rng.pick(numbers).utf8))
        case .insertInString:
            let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
            guard let quote = quotes.isEmpty ? nil : rng.pick(quotes) else { return mutate(bytes, .replaceByte, rng: &rng) }
            out.insert(contentsOf: Array(rng.pick(stringInserts).utf8), at: quote + 1)
        case .duplicateRange:
            // Repeats a stretch between two commas, often a whole member or element.
            let commas = bytes.indices.filter { bytes[$0] == UInt8(ascii: ",") }
            guard commas.count >= 2 else { return mutate(bytes, .insertByte, rng: &rng) }
            let first = rng.below(commas.count - 1)
            let range = commas[first]..<commas[first + 1 + rng.below(min(2, commas.count - first - 1))]
            out.insert(contentsOf: bytes[range], at: range.lowerBound)
        }
        return out
    }

    /// Ranges of `-`/digit runs outside strings.
    static func numberRuns(_ bytes: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = [], inString = false, escaped = false, start: Int?
        for (index, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            let numeric = byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            if numeric, start == nil { start = index }
            if !numeric, let begun = start { runs.append(begun..<index); start = nil }
            if byte == UInt8(ascii: "\"") { inString = true }
        }
        if let begun = start { runs.append(begun..<bytes.count) }
        return runs
    }

    /// `value` with one member added to its `index`-th object (in depth-first order), under
    /// a key that may or may not already be there.
    static func addingMember(to value: JSONValue, objectIndex index: Int, rng: inout SeededGenerator) -> JSONValue {
        var counter = 0
        return adding(value, &counter, index, &rng)
    }

    private static func adding(_ value: JSONValue, _ counter: inout Int, _ target: Int, _ rng: inout SeededGenerator) -> JSONValue {
        switch value {
        case .object(var members):
            let mine = counter
            counter += 1
            for key in members.keys.sorted() { members[key] = adding(members[key] ?? .null, &counter, target, &rng) }
            if mine == target {
                let key: JSONKey = rng.pick(["extra", "dot", "value", "time", "collection", "id", "context", "fields", "dev-z", "amount", "_x", ""])
                members[key] = rng.pick([.integer(1), .integer(0), .string("x"), .array([]), .object([:]), .null, .bool(true)])
            }
            return .object(members)
        case .array(let elements):
            return .array(elements.map { adding($0, &counter, target, &rng) })
        default:
            return value
        }
    }

    /// How many objects `value` holds, itself included.
    static func objectCount(_ value: JSONValue) -> Int {
        switch value {
        case .object(let members): 1 + members.values.reduce(0) { $0 + objectCount($1) }
        case .array(let elements): elements.reduce(0) { $0 + objectCount($1) }
        default: 0
        }
    }
}
