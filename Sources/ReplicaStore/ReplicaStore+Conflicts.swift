import SQLite
import SyncCore

extension ReplicaStore {
    /// Filters for conflict listings.
    public struct ConflictFilter: Sendable {
        /// Only this collection.
        public var collection: String?
        /// Only conflicts on this field (`_deleted` for delete-versus-update).
        public var field: String?
        /// Only conflicts first seen before this time (ms since 1970): "older than".
        public var seenBeforeMillis: Int64?
        /// Include records that only carry review flags. Default: true.
        public var includeReviewFlags: Bool
        /// Only records carrying this tag (e.g. the server's municipality scope tag).
        public var tag: String?

        public init(collection: String? = nil, field: String? = nil, seenBeforeMillis: Int64? = nil,
                    includeReviewFlags: Bool = true, tag: String? = nil) {
            self.collection = collection
            self.field = field
            self.seenBeforeMillis = seenBeforeMillis
            self.includeReviewFlags = includeReviewFlags
            self.tag = tag
        }
    }

    /// Records with open conflicts (and, by default, review flags), oldest first, paged.
    /// Reads through the partial conflict and review indexes only.
    public func conflicts(_ filter: ConflictFilter = ConflictFilter(), limit: Int = 100,
                          offset: Int = 0) throws(ReplicaStoreError) -> [ConflictSummary] {
        var clauses: [String] = []
        var bindings: [SQLValue] = []
        if let collection = filter.collection { clauses.append("collection = ?"); bindings.append(.text(collection)) }
        if let field = filter.field { clauses.append("instr(conflict_fields, ?) > 0"); bindings.append(.text(" \(field) ")) }
        if let tag = filter.tag {
            clauses.append("EXISTS (SELECT 1 FROM record_tag t WHERE t.record = record.rowid AND t.tag = ?)")
            bindings.append(.text(tag))
        }
        let extra = clauses.isEmpty ? "" : " AND " + clauses.joined(separator: " AND ")
        var parts = ["SELECT collection, id, conflict_fields, review_flags, conflict_since AS since FROM record INDEXED BY record_conflict WHERE conflict = 1\(extra)"
                     + (filter.seenBeforeMillis != nil ? " AND conflict_since < ?" : "")]
        var all = bindings + (filter.seenBeforeMillis.map { [SQLValue.integer($0)] } ?? [])
        if filter.includeReviewFlags && filter.field == nil {
            parts.append("SELECT collection, id, conflict_fields, review_flags, updated_at AS since FROM record INDEXED BY record_review WHERE review_flags IS NOT NULL AND conflict = 0\(extra)"
                         + (filter.seenBeforeMillis != nil ? " AND updated_at < ?" : ""))
            all += bindings + (filter.seenBeforeMillis.map { [SQLValue.integer($0)] } ?? [])
        }
        let sql = parts.joined(separator: " UNION ALL ") + " ORDER BY since, collection, id LIMIT ? OFFSET ?"
        all += [.integer(Int64(max(1, limit))), .integer(Int64(max(0, offset)))]
        return try run {
            try connection.query(sql, all) { row in
                ConflictSummary(collection: try row.text(at: 0), id: try row.text(at: 1),
                                fields: Self.words(try row.optionalText(at: 2)),
                                reviewFlags: Self.words(try row.optionalText(at: 3)),
                                sinceMillis: try row.int64(at: 4))
            }
        }
    }

    /// Counts of open conflicts and of records with review flags only; cheap enough to poll.
    public func conflictCounts() throws(ReplicaStoreError) -> (conflicts: Int, reviewFlags: Int) {
        try run {
            let conflicts = try connection.queryOne("SELECT COUNT(*) FROM record INDEXED BY record_conflict WHERE conflict = 1") {
                Int(try $0.int64(at: 0))
            } ?? 0
            let flags = try connection.queryOne("SELECT COUNT(*) FROM record INDEXED BY record_review WHERE review_flags IS NOT NULL AND conflict = 0") {
                Int(try $0.int64(at: 0))
            } ?? 0
            return (conflicts, flags)
        }
    }

    /// When the oldest open conflict was first seen and when the oldest record with review
    /// flags only last changed (ms since 1970), `nil` when there is none.
    public func oldestConflictTimes() throws(ReplicaStoreError) -> (conflict: Int64?, reviewFlag: Int64?) {
        try run {
            let conflict = try connection.queryOne(
                "SELECT MIN(conflict_since) FROM record INDEXED BY record_conflict WHERE conflict = 1") { try $0.optionalInt64(at: 0) } ?? nil
            let flag = try connection.queryOne(
                "SELECT MIN(updated_at) FROM record INDEXED BY record_review WHERE review_flags IS NOT NULL AND conflict = 0") {
                try $0.optionalInt64(at: 0)
            } ?? nil
            return (conflict, flag)
        }
    }

    /// One record's review flags and since when it is listed (its conflict's first sighting,
    /// else its last change); `nil` for an unknown record.
    public func reviewInfo(collection: String, id: String) throws(ReplicaStoreError) -> (reviewFlags: [String], sinceMillis: Int64)? {
        try run {
            try connection.queryOne("SELECT review_flags, COALESCE(conflict_since, updated_at) FROM record WHERE collection = ? AND id = ?",
                                    [.text(collection), .text(id)]) {
                (Self.words(try $0.optionalText(at: 0)), try $0.int64(at: 1))
            }
        }
    }

    static func words(_ text: String?) -> [String] {
        (text ?? "").split(separator: " ").map(String.init)
    }
}
