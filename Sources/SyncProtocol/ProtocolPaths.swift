/// The paths of protocol v1 (PROTOCOL.md §11), relative to the server's base URL.
public enum ProtocolPaths {
    /// The protocol versions this build speaks.
    public static let supportedVersions: [Int64] = [1]
    /// `POST`: exchange a one-time code for a token.
    public static let enroll = "v1/enroll"
    /// `POST`: send record states.
    public static let push = "v1/sync/push"
    /// `GET`/`HEAD`: read the change feed; query `cursor`, `limit`.
    public static let pull = "v1/sync/pull"
    /// `POST`: report what the device did offline with personal data (exports).
    public static let audit = "v1/audit"
    /// `GET`/`HEAD`: liveness.
    public static let health = "healthz"
}
