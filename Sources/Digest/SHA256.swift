/// One-shot SHA-256 (FIPS 180-4) digests.
///
/// For data that arrives in pieces use `SHA256Hasher`; both give identical results.
public enum SHA256 {
    /// Returns the 32-byte SHA-256 digest of `bytes`.
    ///
    /// - Parameter bytes: The message.
    public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Returns the 32-byte SHA-256 digest of the UTF-8 encoding of `string`.
    ///
    /// - Parameter string: The message; hashed as UTF-8 without a terminator.
    public static func hash(_ string: String) -> [UInt8] {
        var copy = string
        // Native strings hash straight from their storage; bridged ones are made native first.
        return copy.withUTF8 { (utf8: UnsafeBufferPointer<UInt8>) -> [UInt8] in
            var hasher = SHA256Hasher()
            hasher.update(UnsafeRawBufferPointer(utf8))
            return hasher.finalize()
        }
    }

    /// Returns the SHA-256 digest of `bytes` as 64 lowercase hexadecimal characters.
    ///
    /// - Parameter bytes: The message (not a digest: this hashes, then hex-encodes).
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        HexEncoding.encode(hash(bytes))
    }

    /// Returns the SHA-256 digest of the UTF-8 encoding of `string` as lowercase hex.
    ///
    /// - Parameter string: The message.
    public static func hex(_ string: String) -> String {
        HexEncoding.encode(hash(string))
    }
}
