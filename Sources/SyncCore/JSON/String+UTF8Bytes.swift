extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place for a native string, which is
    /// much cheaper than iterating `utf8` (or copying it into an Array) where names are
    /// validated for every state decoded.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Whether `other` has exactly the same UTF-8 bytes. Unlike `==`, which compares by
    /// Unicode canonical equivalence, this tells `"é"` (C3 A9) from `"e\u{301}"` (65 CC 81),
    /// as JSON does (RFC 8259, PROTOCOL.md §2).
    func hasSameUTF8Bytes(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return withUTF8Bytes { mine in other.withUTF8Bytes { theirs in mine.elementsEqual(theirs) } }
    }

    /// Feeds the string's UTF-8 bytes (and their count) to `hasher`: the hash that goes
    /// with `hasSameUTF8Bytes(as:)`.
    func hashUTF8Bytes(into hasher: inout Hasher) {
        withUTF8Bytes { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}
