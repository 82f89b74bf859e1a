import AdminDashboard
import Foundation
import ForumModel
import Messages
import SyncCore

/// An in-memory data source over real record states: conflicts come from SyncCore merges,
/// the admin's view from ForumModel's `Redaction` (as the server's policy does), so the
/// tests see what a real source would give the pages.
final class FakeDashboardSource: DashboardDataSource, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var lookup = InMemoryLookup()
    private var since: [String: Int64] = [:]
    private var tokens: [String: (expires: Int64, used: Bool)] = [:]
    private(set) var deviceList: [DashboardDevice] = []
    private(set) var queries: [ConflictQuery] = []
    private(set) var resolutions: [(String, String, DashboardResolution)] = []
    private(set) var revoked: [String] = []
    var activityDays: [ActivityDay] = []
    var writers: [String: (String, String)] = ["dev-a": ("Annas <b>laptop</b>", "facilitator"), "dev-b": ("Bo's iPad", "coordinator")]

    let roles = ["facilitator", "coordinator", "admin"]

    // MARK: - Test setup

    /// Adds a record whose `fields` were written concurrently by dev-a and dev-b.
    func addConflict(collection: String, id: String, base: [String: JSONValue], a: [String: JSONValue],
                     b: [String: JSONValue], sinceMillis: Int64) throws {
        var origin = RecordState(collection: collection, id: id)
        try origin.write(base, by: ReplicaID("dev-a")!, at: HybridTimestamp(wallMillis: sinceMillis - 1000))
        var left = origin, right = origin
        try left.write(a, by: ReplicaID("dev-a")!, at: HybridTimestamp(wallMillis: sinceMillis))
        try right.write(b, by: ReplicaID("dev-b")!, at: HybridTimestamp(wallMillis: sinceMillis + 1))
        insert(try left.merged(with: right), since: sinceMillis)
    }

    /// Adds a record without conflict (e.g. an attendance used for numbering).
    func addRecord(collection: String, id: String, _ values: [String: JSONValue]) throws {
        var state = RecordState(collection: collection, id: id)
        try state.write(values, by: ReplicaID("dev-a")!, at: HybridTimestamp(wallMillis: 1))
        insert(state, since: 0)
    }

    func insert(_ state: RecordState, since millis: Int64) {
        lock.withLock {
            lookup.insert(state)
            since["\(state.collection)/\(state.id)"] = millis
        }
    }

    func addToken(_ hash: String, expires: Int64) { lock.withLock { tokens[hash] = (expires, false) } }
    func addDevice(_ device: DashboardDevice) { lock.withLock { deviceList.append(device) } }
    func state(_ conflictID: String) -> RecordState? {
        let parts = conflictID.split(separator: "/").map(String.init)
        return lock.withLock { lookup.state(collection: parts[0], id: parts[1]) }
    }

    // MARK: - DashboardDataSource

    func overview(staleBeforeMillis: Int64) throws(DashboardError) -> DashboardOverview {
        let rows = allRows(language: .sv)
        let active = deviceList.filter { !$0.revoked }
        return DashboardOverview(openConflicts: rows.filter { !$0.fields.isEmpty }.count, reviewFlags: 0,
                                 oldestConflictMillis: rows.map(\.sinceMillis).min(), oldestReviewFlagMillis: nil,
                                 staleDevices: active.filter { ($0.lastSyncMillis ?? 0) < staleBeforeMillis },
                                 activeDevices: active.count)
    }

    func activity(days: [String]) throws(DashboardError) -> [ActivityDay] {
        activityDays.filter { days.contains($0.day) }
    }

    func conflicts(_ query: ConflictQuery, language: Language) throws(DashboardError) -> ConflictPage {
        lock.withLock { queries.append(query) }
        let rows = allRows(language: language).filter { row in
            (query.collection == nil || row.collection == query.collection)
                && (query.municipality == nil || row.municipality == query.municipality)
                && (query.olderThanMillis.map { row.sinceMillis < $0 } ?? true)
        }
        let window = Array(rows.dropFirst(query.offset).prefix(query.limit + 1))
        return ConflictPage(rows: Array(window.prefix(query.limit)), hasMore: window.count > query.limit)
    }

    func conflictFilterOptions() throws(DashboardError) -> ConflictFilterOptions {
        ConflictFilterOptions(collections: ["forum", "participant"], municipalities: ["Malmö", "Lund"])
    }

    func conflict(_ conflictID: String, language: Language) throws(DashboardError) -> ConflictDetail? {
        guard let state = state(conflictID) else { return nil }
        let view = adminView(state, language: language)
        let fields = ConflictDetail.fields(of: state, shownAs: view) { replica in
            writers[replica.rawValue].map { ConflictWriter(name: $0.0, role: $0.1) }
        }
        let current = view.visibleValues.sorted { $0.key < $1.key }.map { (field: $0.key, value: JSONWriter.string($0.value)) }
        return ConflictDetail(listing: row(state, language: language), fields: fields, currentValues: current)
    }

    func resolve(_ conflictID: String, field: String, _ resolution: DashboardResolution) throws(DashboardError) {
        guard var state = state(conflictID) else { throw DashboardError(code: "not_found", message: "No such record.") }
        lock.withLock { resolutions.append((conflictID, field, resolution)) }
        let time = HybridTimestamp(wallMillis: 10_000_000)
        switch resolution {
        case .keep(let valueID):
            guard let entry = state.fields[field]?.entries.first(where: { $0.dot.description == valueID }) else {
                throw DashboardError(code: "unknown_value", message: "The field holds no value with that id.")
            }
            do { try state.resolve(field: field, keeping: entry.dot, by: .server, at: time) } catch {
                throw DashboardError(code: "invalid_value", message: "Cannot keep that value.")
            }
        case .newValue(let text):
            // Read as the field's declared type, as the server does.
            let type = ForumSchema.collection(state.collection)?.field(field)?.type
            guard let value = type?.value(parsing: text), (try? state.write([field: value], by: .server, at: time)) != nil else {
                throw DashboardError(code: "invalid_value", message: "The field cannot take that value.")
            }
        }
        insert(state, since: since[conflictID] ?? 0)
    }

    func devices() throws(DashboardError) -> [DashboardDevice] { lock.withLock { deviceList } }

    /// The audit trail the dashboard shows, newest first; tests set it.
    var auditEntries: [DashboardAuditEntry] = []

    func auditTrail() throws(DashboardError) -> [DashboardAuditEntry] { lock.withLock { auditEntries } }

    func enrolDevice(name: String, role: String, municipalities: [String]) throws(DashboardError) -> EnrolledDevice {
        let device = DashboardDevice(id: "dev-new\(deviceList.count)", name: name, role: role, municipalities: municipalities,
                                     lastPushMillis: nil, lastPullMillis: nil, revoked: false, enrolled: false, pendingConflicts: 0)
        addDevice(device)
        return EnrolledDevice(device: device, code: "ABCD-EFGH-JKLM", expiresMillis: 2_000_000_000_000)
    }

    func revokeDevice(id: String, wipe: Bool) throws(DashboardError) {
        lock.lock()
        defer { lock.unlock() }
        guard let index = deviceList.firstIndex(where: { $0.id == id }) else {
            throw DashboardError(code: "not_found", message: "No such device.")
        }
        deviceList[index].revoked = true
        deviceList[index].wipePending = wipe
        revoked.append(id)
    }

    func consumeLoginToken(hash tokenHash: String, nowMillis: Int64) throws(DashboardError) -> LoginTokenStatus {
        lock.withLock {
            guard let token = tokens[tokenHash] else { return .unknown }
            if token.used { return .used }
            if token.expires <= nowMillis { return .expired }
            tokens[tokenHash]?.used = true
            return .valid
        }
    }

    // MARK: - Helpers

    private func allRows(language: Language) -> [ConflictListing] {
        let states = lock.withLock { lookup.allStates }
        return states.filter(\.hasConflict).map { row($0, language: language) }
            .sorted { ($0.sinceMillis, $0.conflictID) < ($1.sinceMillis, $1.conflictID) }
    }

    private func row(_ state: RecordState, language: Language) -> ConflictListing {
        let view = adminView(state, language: language)
        let label = view[Participant.Field.displayName]?.stringValue ?? view["title"]?.stringValue ?? state.id
        let fields = state.conflicts.map { conflict -> String in
            if case .field(let name, _) = conflict { return name }
            return RecordState.deletedField
        }
        return ConflictListing(conflictID: "\(state.collection)/\(state.id)", collection: state.collection, label: label,
                           municipality: state["municipality"]?.stringValue, fields: fields, reviewFlags: [],
                           sinceMillis: lock.withLock { since["\(state.collection)/\(state.id)"] ?? 0 })
    }

    /// As `ForumPolicy.adminView`: a participant is numbered within the forum of its first attendance.
    private func adminView(_ state: RecordState, language: Language) -> RecordState {
        let lookup = lock.withLock { self.lookup }
        let forumID = lookup.states(collection: Attendance.collection)
            .filter { $0[Attendance.Field.participantID]?.stringValue == state.id }
            .compactMap { $0[Attendance.Field.forumID]?.stringValue }.min()
        return Redaction.view(of: state, for: .admin, forumID: forumID, lookup: lookup, language: language)
    }
}
