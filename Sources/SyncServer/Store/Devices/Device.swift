/// An enrolled (or enrolment-pending) device as the admin sees it.
public struct Device: Sendable, Equatable {
    /// The device's replica id, `dev-<8 hex>`.
    public var id: String
    /// A name for people, e.g. "Anna's laptop"; never logged, never in metrics.
    public var name: String
    /// `facilitator`, `coordinator` or `admin`.
    public var role: String
    /// The municipalities it works in.
    public var municipalities: [String]
    /// When it was added (ms since 1970).
    public var created: Int64
    /// When it was revoked, `nil` while active.
    public var revokedAt: Int64?
    /// Its last push and pull (ms since 1970), `nil` when never.
    public var lastPush: Int64?
    public var lastPull: Int64?
    /// Whether its enrolment code has been exchanged for a token.
    public var enrolled: Bool
    /// Open conflicts whose entries include a value this device wrote.
    public var pendingConflicts: Int = 0
    /// When revoke-and-wipe was asked for, `nil` for a plain revoke.
    public var wipeRequested: Int64?
    /// When the device reported its purge, and how many records it removed.
    public var wipeConfirmed: Int64?
    public var wipedRecords: Int?

    /// The actor the domain rules see.
    public var actor: DeviceActor { DeviceActor(role: role, municipalities: municipalities) }
}

/// The answer to `device add`: the device and its one-time enrolment code.
public struct NewDevice: Sendable {
    public var device: Device
    /// `XXXX-XXXX-XXXX`; shown once, stored only hashed.
    public var code: String
    /// When the code expires (ms since 1970).
    public var expires: Int64
}

/// The answer to a successful enrolment.
public struct Enrolment: Sendable {
    public var device: Device
    /// The bearer token: 64 hex characters (256 random bits), stored only hashed.
    public var token: String
}
