/// An incremental SHA-256 (FIPS 180-4) computation.
///
/// Feed bytes with `update(_:)` in chunks of any size, then call `finalize()`. Whole
/// 64-byte blocks are compressed straight from the caller's storage when it is contiguous;
/// only a trailing partial block is copied into the hasher's own 64-byte buffer, so the
/// cost per block is free of allocation.
///
/// ```swift
/// var hasher = SHA256Hasher()
/// hasher.update("abc".utf8)
/// let digest = hasher.finalize()   // 32 bytes
/// ```
public struct SHA256Hasher: Sendable {
    /// The size of one compression block, in bytes.
    public static let blockByteCount = 64
    /// The size of the digest, in bytes.
    public static let digestByteCount = 32

    /// The eight working hash words H0...H7.
    var state: [UInt32] = SHA256Hasher.initialState
    /// Bytes of an incomplete block, waiting for more input; always 64 bytes long.
    var pending: [UInt8] = Array(repeating: 0, count: SHA256Hasher.blockByteCount)
    /// How many leading bytes of `pending` are in use (0..<64).
    var pendingCount = 0
    /// Total message length so far, in bytes. Wrapping arithmetic: the standard defines
    /// the length modulo 2^64 bits, and 2^61 bytes is out of reach in practice.
    var byteCount: UInt64 = 0

    /// Creates a hasher for an empty message.
    public init() {}

    /// Appends the bytes of `bytes` to the message.
    ///
    /// - Parameter bytes: Any byte sequence. Contiguous collections (`Array`,
    ///   `String.UTF8View` of native strings, `UnsafeBufferPointer`...) take the fast path.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        guard handled == nil else { return }
        for byte in bytes {
            pending[pendingCount] = byte
            pendingCount += 1
            byteCount &+= 1
            if pendingCount == Self.blockByteCount {
                compressPending()
            }
        }
    }

    /// Appends the bytes in `buffer` to the message.
    ///
    /// - Parameter buffer: Raw memory to hash; it is read, never retained.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        byteCount &+= UInt64(buffer.count)
        var offset = 0
        if pendingCount > 0 {
            let take = min(Self.blockByteCount - pendingCount, buffer.count)
            for index in 0..<take {
                pending[pendingCount + index] = buffer[index]
            }
            pendingCount += take
            offset = take
            guard pendingCount == Self.blockByteCount else { return }
            compressPending()
        }
        while buffer.count - offset >= Self.blockByteCount {
            Self.compress(&state, UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + Self.blockByteCount)]))
            offset += Self.blockByteCount
        }
        let rest = buffer.count - offset
        for index in 0..<rest {
            pending[index] = buffer[offset + index]
        }
        pendingCount = rest
    }

    /// Pads the message and returns its 32-byte digest.
    ///
    /// The hasher is consumed; a copy taken before the call still holds the unpadded
    /// state, so `let digestSoFar = copy.finalize()` gives a digest of a prefix.
    public consuming func finalize() -> [UInt8] {
        let bitLength = byteCount &* 8
        // Padding: one 0x80 byte, zeros up to 56 mod 64, then the 64-bit big-endian length.
        pending[pendingCount] = 0x80
        pendingCount += 1
        if pendingCount > Self.blockByteCount - 8 {
            for index in pendingCount..<Self.blockByteCount { pending[index] = 0 }
            pendingCount = Self.blockByteCount
            compressPending()
        }
        for index in pendingCount..<(Self.blockByteCount - 8) { pending[index] = 0 }
        for index in 0..<8 {
            pending[Self.blockByteCount - 8 + index] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(index)))
        }
        pendingCount = Self.blockByteCount
        compressPending()

        var digest = [UInt8]()
        digest.reserveCapacity(Self.digestByteCount)
        for word in state {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    private mutating func compressPending() {
        pending.withUnsafeBytes { Self.compress(&state, $0) }
        pendingCount = 0
    }
}
