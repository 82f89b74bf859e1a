/// Comparisons whose running time does not depend on where the inputs differ.
///
/// Use them for secrets such as tokens and MACs, where an early exit would let an
/// attacker learn a prefix by timing.
public enum ConstantTime {
    /// Returns whether `a` and `b` hold the same bytes.
    ///
    /// For equal lengths every byte is examined whatever the contents; unequal lengths
    /// return `false` at once (the length of a digest or token is not a secret).
    ///
    /// - Parameters:
    ///   - a: The first byte string.
    ///   - b: The second byte string.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        a.withUnsafeBufferPointer { left in
            b.withUnsafeBufferPointer { right in
                for index in 0..<left.count {
                    difference |= left[index] ^ right[index]
                }
            }
        }
        return difference == 0
    }
}
