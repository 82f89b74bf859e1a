import ForumModel
import Messages

/// Everything the dashboard reads from and writes to the server, behind one protocol so
/// pages can be built and tested without a database (a fake source in tests, the sync
/// server's database in production).
///
/// Times are milliseconds since 1970 (UTC). Values that come from records arrive already
/// redacted for the admin audience: the source, not the dashboard, knows the domain's
/// rules for anonymous participants. The dashboard escapes every string it is given.
///
/// Every method may be called from several worker threads at once.
public protocol DashboardDataSource: Sendable {
    /// The roles a new device may be enrolled with (for the enrol form's choices).
    var roles: [String] { get }

    /// Counts for the overview.
    /// - Parameters:
    ///   - staleBeforeMillis: a device whose last push and pull are both older than this
    ///     (or that never synced) counts as stale.
    /// - Throws: `DashboardError` when the store fails.
    func overview(staleBeforeMillis: Int64) throws(DashboardError) -> DashboardOverview

    /// Sync activity per Stockholm day, oldest first.
    /// - Parameter days: the days wanted, `YYYY-MM-DD`; a day without activity gives zeros.
    func activity(days: [String]) throws(DashboardError) -> [ActivityDay]

    /// One page of records with open conflicts or review flags, oldest first.
    /// - Parameters:
    ///   - query: filters and the page window; a source reads only the window (plus one row
    ///     to tell whether more follow), never the whole store.
    ///   - language: the language of labels (pseudonyms of anonymous participants).
    func conflicts(_ query: ConflictQuery, language: Language) throws(DashboardError) -> ConflictPage

    /// The values the conflict filters offer: collections and municipalities.
    func conflictFilterOptions() throws(DashboardError) -> ConflictFilterOptions

    /// One record's conflicts and review flags with every value side by side, or `nil`
    /// when the record is unknown.
    /// - Parameters:
    ///   - conflictID: `collection/id`.
    ///   - language: the language of pseudonyms.
    func conflict(_ conflictID: String, language: Language) throws(DashboardError) -> ConflictDetail?

    /// Settles one field of a record as a server write, which every device receives at its
    /// next sync.
    /// - Throws: `DashboardError` with the source's code (`unknown_value`, `invalid_value`, …).
    func resolve(_ conflictID: String, field: String, _ resolution: DashboardResolution) throws(DashboardError)

    /// Every device, newest first.
    func devices() throws(DashboardError) -> [DashboardDevice]

    /// The audit trail, newest first: who did what to which device or record, by id.
    func auditTrail() throws(DashboardError) -> [DashboardAuditEntry]

    /// Adds a device and creates its one-time enrolment code.
    /// - Throws: `invalid_role`, `invalid_municipality`, `invalid_name`, …
    func enrolDevice(name: String, role: String, municipalities: [String]) throws(DashboardError) -> EnrolledDevice

    /// Revokes a device: its token stops working at once. With `wipe`, the device also
    /// removes its synced records at its next contact and reports how many.
    /// - Throws: `not_found` for an unknown device.
    func revokeDevice(id: String, wipe: Bool) throws(DashboardError)

    /// Uses up a one-time login link.
    ///
    /// - Parameters:
    ///   - tokenHash: SHA-256 hex of the link's token; sources store only hashes.
    ///   - nowMillis: the current time.
    /// - Returns: `.valid` exactly once per token; `.used`, `.expired` or `.unknown` otherwise.
    func consumeLoginToken(hash tokenHash: String, nowMillis: Int64) throws(DashboardError) -> LoginTokenStatus
}
