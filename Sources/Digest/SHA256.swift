/// One-shot SHA-256 (FIPS 180-4) digests.
///
/// For data that arrives in pieces use `SHA256Hasher`; both give identical results.
public enum SHA256 {
    /// Returns the 32-byte SHA-256 digest of `bytes`.
    ///
    /// - Parameter bytes: The message.
    public static func hash<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        let contiguous: [UInt8]? = bytes.withContiguousStorageIfAvailable { buffer in
            withDigest(of: UnsafeRawBufferPointer(buffer)) { Array($0) }
        }
        if let contiguous { return contiguous }
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
            withDigest(of: UnsafeRawBufferPointer(utf8)) { Array($0) }
        }
    }

    /// Calls `body` with the 32-byte digest of `message` in temporary memory (valid only
    /// during the call): the same digest as `hash`, computed without a heap allocation,
    /// for callers that keep only part of it or write it out (a server hashes every field
    /// entry it stores, BENCHMARKS.md "session 10").
    public static func withDigest<R>(of message: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let blockSize = SHA256Hasher.blockByteCount
        return try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { words in
            guard let state = words.baseAddress else { preconditionFailure("internal: no temporary storage") }
            for index in 0..<8 { state[index] = SHA256Hasher.initialState[index] }
            let whole = message.count / blockSize * blockSize
            var offset = 0
            while offset < whole {
                SHA256Hasher.compress(state, UnsafeRawBufferPointer(rebasing: message[offset..<(offset + blockSize)]))
                offset += blockSize
            }
            // The rest, 0x80, zeros, and the 64-bit big-endian bit length: one block or two.
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * blockSize) { tail in
                let rest = message.count - whole
                for index in 0..<rest { tail[index] = message[whole + index] }
                tail[rest] = 0x80
                let blocks = rest + 1 + 8 > blockSize ? 2 : 1
                let end = blocks * blockSize
                for index in (rest + 1)..<(end - 8) { tail[index] = 0 }
                let bitLength = UInt64(message.count) &* 8
                for index in 0..<8 {
                    tail[end - 8 + index] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(index)))
                }
                let padded = UnsafeRawBufferPointer(tail)
                for block in 0..<blocks {
                    SHA256Hasher.compress(state, UnsafeRawBufferPointer(rebasing: padded[(block * blockSize)..<((block + 1) * blockSize)]))
                }
                // The digest goes where the padding was: the state words, big-endian.
                for index in 0..<8 {
                    let word = state[index]
                    tail[4 * index] = UInt8(truncatingIfNeeded: word >> 24)
                    tail[4 * index + 1] = UInt8(truncatingIfNeeded: word >> 16)
                    tail[4 * index + 2] = UInt8(truncatingIfNeeded: word >> 8)
                    tail[4 * index + 3] = UInt8(truncatingIfNeeded: word)
                }
                return try body(UnsafeRawBufferPointer(rebasing: padded[0..<SHA256Hasher.digestByteCount]))
            }
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
