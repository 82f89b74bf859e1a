import ForumModel

/// A failure reported by a data source: a stable code and a fixed English message
/// without personal data. Pages show the catalogue text for the code when there is one.
public struct DashboardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable code, e.g. `unknown_value`.
    public var code: String
    /// A fixed description for logs and developers; never record values.
    public var message: String
    /// Known names near a mistyped one (an unknown municipality), for a "did you mean".
    public var suggestions: [String]

    /// Creates an error.
    public init(code: String, message: String, suggestions: [String] = []) {
        self.code = code
        self.message = message
        self.suggestions = suggestions
    }

    public var description: String { "\(code): \(message)" }
}

/// The numbers at the top of the overview.
public struct DashboardOverview: Sendable, Equatable {
    /// Records with an open conflict.
    public var openConflicts: Int
    /// Records with review flags and no conflict.
    public var reviewFlags: Int
    /// When the oldest open conflict was first seen, `nil` when none.
    public var oldestConflictMillis: Int64?
    /// When the oldest flagged record last changed, `nil` when none.
    public var oldestReviewFlagMillis: Int64?
    /// Active (not revoked) devices that have not synced since the stale limit.
    public var staleDevices: [DashboardDevice]
    /// Active devices in all.
    public var activeDevices: Int

    public init(openConflicts: Int, reviewFlags: Int, oldestConflictMillis: Int64?, oldestReviewFlagMillis: Int64?,
                staleDevices: [DashboardDevice], activeDevices: Int) {
        self.openConflicts = openConflicts
        self.reviewFlags = reviewFlags
        self.oldestConflictMillis = oldestConflictMillis
        self.oldestReviewFlagMillis = oldestReviewFlagMillis
        self.staleDevices = staleDevices
        self.activeDevices = activeDevices
    }
}

/// Sync activity of one Stockholm day.
public struct ActivityDay: Sendable, Equatable {
    /// `YYYY-MM-DD` in Europe/Stockholm.
    public var day: String
    public var pushes: Int
    public var pulls: Int
    /// Records that ended up in conflict through a push that day.
    public var conflicts: Int

    public init(day: String, pushes: Int = 0, pulls: Int = 0, conflicts: Int = 0) {
        self.day = day
        self.pushes = pushes
        self.pulls = pulls
        self.conflicts = conflicts
    }
}

/// Filters and window of the conflicts list.
public struct ConflictQuery: Sendable, Equatable {
    /// Only this collection.
    public var collection: String?
    /// Only records filed under this municipality.
    public var municipality: String?
    /// Only conflicts first seen (flags: last changed) before this time.
    public var olderThanMillis: Int64?
    /// Rows wanted.
    public var limit: Int
    /// Rows skipped.
    public var offset: Int

    public init(collection: String? = nil, municipality: String? = nil, olderThanMillis: Int64? = nil,
                limit: Int = 25, offset: Int = 0) {
        self.collection = collection
        self.municipality = municipality
        self.olderThanMillis = olderThanMillis
        self.limit = limit
        self.offset = offset
    }
}

/// One page of the conflicts list.
public struct ConflictPage: Sendable, Equatable {
    /// The rows, oldest first.
    public var rows: [ConflictListing]
    /// Whether rows follow this page.
    public var hasMore: Bool

    public init(rows: [ConflictListing], hasMore: Bool) {
        self.rows = rows
        self.hasMore = hasMore
    }
}

/// The choices of the conflict filters.
public struct ConflictFilterOptions: Sendable, Equatable {
    public var collections: [String]
    public var municipalities: [String]

    public init(collections: [String], municipalities: [String]) {
        self.collections = collections
        self.municipalities = municipalities
    }
}

/// How the admin settles a field.
public enum DashboardResolution: Sendable, Equatable {
    /// Keep the value with this id (for `_deleted`: a delete's id, or `restore`).
    case keep(valueID: String)
    /// Write a new value as the admin typed it, read as the field's declared type.
    case newValue(text: String)
}

/// A device as the dashboard lists it.
public struct DashboardDevice: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: String
    public var municipalities: [String]
    public var lastPushMillis: Int64?
    public var lastPullMillis: Int64?
    public var revoked: Bool
    /// Whether its enrolment code has been used.
    public var enrolled: Bool
    /// Open conflicts holding a value it wrote.
    public var pendingConflicts: Int
    /// Revoked with a wipe that the device has not reported yet.
    public var wipePending: Bool
    /// How many records the device reported removing, once it has.
    public var wipedRecords: Int?

    public init(id: String, name: String, role: String, municipalities: [String], lastPushMillis: Int64?,
                lastPullMillis: Int64?, revoked: Bool, enrolled: Bool, pendingConflicts: Int,
                wipePending: Bool = false, wipedRecords: Int? = nil) {
        self.wipePending = wipePending
        self.wipedRecords = wipedRecords
        self.id = id
        self.name = name
        self.role = role
        self.municipalities = municipalities
        self.lastPushMillis = lastPushMillis
        self.lastPullMillis = lastPullMillis
        self.revoked = revoked
        self.enrolled = enrolled
        self.pendingConflicts = pendingConflicts
    }

    /// The later of the last push and pull, `nil` when it never synced.
    public var lastSyncMillis: Int64? {
        switch (lastPushMillis, lastPullMillis) {
        case (let a?, let b?): max(a, b)
        case (let a?, nil): a
        case (nil, let b?): b
        case (nil, nil): nil
        }
    }
}

/// A new device with its one-time code, shown once.
public struct EnrolledDevice: Sendable, Equatable {
    public var device: DashboardDevice
    /// `XXXX-XXXX-XXXX`.
    public var code: String
    public var expiresMillis: Int64

    public init(device: DashboardDevice, code: String, expiresMillis: Int64) {
        self.device = device
        self.code = code
        self.expiresMillis = expiresMillis
    }
}

/// What became of a login link.
public enum LoginTokenStatus: String, Sendable, Equatable {
    case valid, used, expired, unknown
}

/// One line of the audit trail, as the dashboard shows it.
public struct DashboardAuditEntry: Sendable, Equatable {
    public var atMillis: Int64
    /// `admin` or a device id.
    public var actor: String
    /// A stable action code, e.g. `participant_erase`.
    public var action: String
    /// A device id or `collection/id`.
    public var subject: String

    public init(atMillis: Int64, actor: String, action: String, subject: String) {
        self.atMillis = atMillis
        self.actor = actor
        self.action = action
        self.subject = subject
    }
}
