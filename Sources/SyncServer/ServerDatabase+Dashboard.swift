import AdminDashboard
import Messages
import ReplicaStore
import SQLite
import SyncCore

/// The reads the admin dashboard needs, each bounded: counts from the partial conflict
/// and review indexes, one page of conflicts at a time, one record in detail.
extension ServerDatabase {
    /// Conflict and review counts, the oldest of each, and devices that have not synced
    /// since `staleBeforeMillis`.
    public func dashboardOverview(staleBeforeMillis: Int64) throws(SyncServerError) -> DashboardOverview {
        try locked {
            let counts = try store.conflictCounts()
            let oldestConflict = try store.connection.queryOne(
                "SELECT MIN(conflict_since) FROM record INDEXED BY record_conflict WHERE conflict = 1") { try $0.optionalInt64(at: 0) } ?? nil
            let oldestFlag = try store.connection.queryOne(
                "SELECT MIN(updated_at) FROM record INDEXED BY record_review WHERE review_flags IS NOT NULL AND conflict = 0") {
                try $0.optionalInt64(at: 0)
            } ?? nil
            let active = try store.connection.query("\(Self.deviceColumns) WHERE revoked_at IS NULL ORDER BY created, id") {
                try Self.device(from: $0)
            }
            let stale = active.filter { max($0.lastPush ?? 0, $0.lastPull ?? 0) < staleBeforeMillis }
            return DashboardOverview(openConflicts: counts.conflicts, reviewFlags: counts.reviewFlags,
                                     oldestConflictMillis: oldestConflict, oldestReviewFlagMillis: oldestFlag,
                                     staleDevices: stale.map(\.dashboardDevice), activeDevices: active.count)
        }
    }

    /// Daily push, pull and conflict counts for `days` (`YYYY-MM-DD`, Stockholm); days
    /// without activity are absent.
    public func activity(days: [String]) throws(SyncServerError) -> [ActivityDay] {
        guard let first = days.min(), let last = days.max() else { return [] }
        return try locked {
            try store.connection.query("SELECT day, pushes, pulls, conflicts FROM sync_day WHERE day >= ? AND day <= ? ORDER BY day",
                                       [.text(first), .text(last)]) {
                ActivityDay(day: try $0.text(at: 0), pushes: Int(try $0.int64(at: 1)), pulls: Int(try $0.int64(at: 2)),
                            conflicts: Int(try $0.int64(at: 3)))
            }
        }
    }

    /// One page of records with open conflicts or review flags, oldest first, read through
    /// the partial indexes with `LIMIT`/`OFFSET` (one row more than asked, to tell whether
    /// more follow). The municipality filter uses the records' scope tags.
    public func dashboardConflicts(_ query: ConflictQuery, language: Language) throws(SyncServerError) -> ConflictPage {
        var filters = ""
        var bindings: [SQLValue] = []
        if let collection = query.collection { filters += " AND collection = ?"; bindings.append(.text(collection)) }
        if let municipality = query.municipality {
            filters += " AND EXISTS (SELECT 1 FROM record_tag t WHERE t.record = record.rowid AND t.tag = ?)"
            bindings.append(.text(Self.municipalityTag(municipality)))
        }
        let limit = max(1, min(query.limit, 500))
        let older = query.olderThanMillis.map { [SQLValue.integer($0)] } ?? []
        let sql = """
            SELECT collection, id, conflict_fields, review_flags, conflict_since AS since FROM record INDEXED BY record_conflict
                WHERE conflict = 1\(filters)\(older.isEmpty ? "" : " AND conflict_since < ?")
            UNION ALL
            SELECT collection, id, conflict_fields, review_flags, updated_at AS since FROM record INDEXED BY record_review
                WHERE review_flags IS NOT NULL AND conflict = 0\(filters)\(older.isEmpty ? "" : " AND updated_at < ?")
            ORDER BY since, collection, id LIMIT ? OFFSET ?
            """
        let all = bindings + older + bindings + older + [.integer(Int64(limit + 1)), .integer(Int64(max(0, query.offset)))]
        return try locked {
            let summaries = try store.connection.query(sql, all) { row in
                (collection: try row.text(at: 0), id: try row.text(at: 1), fields: Self.words(try row.optionalText(at: 2)),
                 flags: Self.words(try row.optionalText(at: 3)), since: try row.int64(at: 4))
            }
            var rows: [ConflictRow] = []
            for summary in summaries.prefix(limit) {
                guard let state = try store.state(collection: summary.collection, id: summary.id) else { continue }
                rows.append(ConflictRow(conflictID: "\(summary.collection)/\(summary.id)", collection: summary.collection,
                                        label: policy.adminLabel(of: state, lookup: lookup, language: language),
                                        municipality: policy.municipality(of: state, lookup: lookup),
                                        fields: summary.fields, reviewFlags: summary.flags, sinceMillis: summary.since))
            }
            return ConflictPage(rows: rows, hasMore: summaries.count > limit)
        }
    }

    /// The municipalities of active devices, sorted: what the municipality filter offers.
    public func dashboardMunicipalities() throws(SyncServerError) -> [String] {
        try locked {
            let lists = try store.connection.query("SELECT municipalities FROM device WHERE revoked_at IS NULL") { try $0.text(at: 0) }
            return Set(lists.flatMap { $0.split(separator: "\n").map(String.init) }).sorted()
        }
    }

    /// One record in the admin's view: every conflicting value with its writer, review
    /// flags and the shown values; `nil` for an unknown record. A value the admin view hides
    /// entirely (an anonymous participant's contact) is listed with its id and no value.
    public func dashboardConflict(_ conflictID: String, language: Language) throws(SyncServerError) -> DashboardConflict? {
        let (collection, id) = try Self.splitConflictID(conflictID)
        return try locked { () throws -> DashboardConflict? in
            guard let state = try store.state(collection: collection, id: id) else { return nil }
            let view = policy.adminView(of: state, lookup: lookup, language: language)
            var writers: [String: (String, String)] = [ReplicaID.server.rawValue: ("server", "server")]
            for row in try store.connection.query("SELECT id, name, role FROM device", row: {
                (try $0.text(at: 0), try $0.text(at: 1), try $0.text(at: 2))
            }) { writers[row.0] = (row.1, row.2) }
            let fields = state.conflicts.map { conflict -> FieldConflict in
                let name = Self.conflictField(conflict)
                let shown = view.fields[name]?.entries ?? []
                return FieldConflict(field: name, values: (state.fields[name]?.entries ?? []).map { entry in
                    let writer = writers[entry.dot.replica.rawValue]
                    return ConflictOption(valueID: entry.dot.description,
                                         value: shown.first { $0.dot == entry.dot }.map { JSONWriter.string($0.value) },
                                         writerName: writer?.0, writerRole: writer?.1, writtenMillis: entry.time.wallMillis)
                })
            }
            let flagged = try store.connection.queryOne(
                "SELECT review_flags, COALESCE(conflict_since, updated_at) FROM record WHERE collection = ? AND id = ?",
                [.text(collection), .text(id)]) { (Self.words(try $0.optionalText(at: 0)), try $0.int64(at: 1)) }
            let row = ConflictRow(conflictID: conflictID, collection: collection,
                                  label: policy.adminLabel(of: state, lookup: lookup, language: language),
                                  municipality: policy.municipality(of: state, lookup: lookup),
                                  fields: fields.map(\.field), reviewFlags: flagged?.0 ?? [], sinceMillis: flagged?.1 ?? 0)
            let current = view.visibleValues.filter { !$0.key.hasPrefix("_") }.sorted { $0.key < $1.key }
                .map { (field: $0.key, value: JSONWriter.string($0.value)) }
            return DashboardConflict(row: row, fields: fields, currentValues: current)
        }
    }

    static func words(_ text: String?) -> [String] { (text ?? "").split(separator: " ").map(String.init) }
}

extension Device {
    /// The device as the dashboard lists it.
    public var dashboardDevice: DashboardDevice {
        DashboardDevice(id: id, name: name, role: role, municipalities: municipalities, lastPushMillis: lastPush,
                        lastPullMillis: lastPull, revoked: revokedAt != nil, enrolled: enrolled,
                        pendingConflicts: pendingConflicts, wipePending: wipeRequested != nil && wipeConfirmed == nil,
                        wipedRecords: wipeConfirmed == nil ? nil : wipedRecords ?? 0)
    }
}
