/// Limits of the field app, with their defaults.
public struct FieldAppConfiguration: Sendable, Equatable {
    /// Largest form body accepted, in bytes. Default 256 KiB (262,144): minutes up to the
    /// domain's limit, percent-encoded, fit with room to spare. Beyond: 400 page.
    public var maxFormBytes = 256 * 1024
    /// How far back the forum list shows past forums, in days. Default 60.
    public var recentDays = 60
    /// How many participants the register shows at once. Default 500.
    public var maxListedParticipants = 500

    /// Seconds between background checks that the server's address answers (for the
    /// offline banner). Default 60.
    public var reachabilityInterval: Double = 60
    /// Seconds a background check waits for a connection. Default 3.
    public var reachabilityTimeout: Double = 3

    /// The defaults.
    public init() {}
}
