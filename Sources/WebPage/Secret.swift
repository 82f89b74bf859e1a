import Digest

/// Random secrets for links, session ids, launch keys and CSRF tokens.
public enum Secret {
    /// `byteCount` random bytes from the system's CSPRNG as lower-case hex.
    public static func hex(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return HexEncoding.encode((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Whether `presented` equals `expected`, compared in constant time over the bytes so
    /// the time taken reveals nothing of the expected value (tokens, keys).
    public static func matches(_ presented: String?, _ expected: String) -> Bool {
        guard let presented else { return false }
        return ConstantTime.equals(Array(presented.utf8), Array(expected.utf8))
    }
}
