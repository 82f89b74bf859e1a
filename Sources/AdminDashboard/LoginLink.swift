import Digest
import WebPage

/// A one-time login link: `<public URL>/admin/login?token=<64 hex>`. Only the SHA-256 of
/// the token is stored, so a copy of the database opens no session.
public struct LoginLink: Sendable, Equatable {
    /// The URL to open in a browser.
    public let url: String
    /// SHA-256 hex of the token, what the server stores.
    public let tokenHash: String

    /// Creates a new link with 256 random bits from the system's CSPRNG.
    /// - Parameter publicURL: the server's public base URL, without a trailing slash.
    public static func create(publicURL: String) -> LoginLink {
        let token = Secret.hex(byteCount: 32)
        return LoginLink(url: publicURL + "/admin/login?token=" + token, tokenHash: SHA256.hex(token))
    }

    /// The stored form of a token as presented in a link.
    public static func hash(token: String) -> String { SHA256.hex(token) }
}
