import Digest

/// Secrets for enrolment codes, tokens and device ids, from the system's CSPRNG
/// (`SystemRandomNumberGenerator` reads getrandom(2) on Linux).
enum SecureRandom {
    /// `count` random bytes.
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The enrolment code alphabet: base32 without the look-alikes I, O, 0 and 1.
    static let codeAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A 12-character code grouped `XXXX-XXXX-XXXX` (60 bits).
    static func enrolmentCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<12).map { _ in codeAlphabet[Int.random(in: 0..<codeAlphabet.count, using: &generator)] }
        return [characters[0..<4], characters[4..<8], characters[8..<12]].map { String($0) }.joined(separator: "-")
    }

    /// The code as stored (hashed) and compared: upper case, without dashes and spaces.
    static func normalisedCode(_ text: String) -> String {
        String(text.uppercased().filter { $0 != "-" && $0 != " " })
    }

    /// A device replica id, `dev-` and 8 hex characters.
    static func deviceID() -> String { "dev-" + HexEncoding.encode(bytes(4)) }

    /// A server incarnation: 128 random bits as 32 hex characters.
    static func incarnationID() -> String { HexEncoding.encode(bytes(16)) }

    /// A bearer token: 256 random bits as 64 hex characters.
    static func token() -> String { HexEncoding.encode(bytes(32)) }
}
