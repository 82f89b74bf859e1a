extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place for a native string, which is
    /// much cheaper than iterating `utf8` (or copying it into an Array) where names are
    /// validated for every state decoded.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
