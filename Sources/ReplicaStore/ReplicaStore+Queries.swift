import SQLite
import SyncCore

extension ReplicaStore {
    /// Live (not deleted) records of a collection whose indexed `field` shows `value`,
    /// ordered by id, paged with `after` (the last id of the previous page).
    /// - Throws: `store_field_not_indexed` when `field` is not in `indexedFields`.
    public func records(in collection: String, where field: String, equals value: JSONValue,
                        limit: Int = 1000, after: String? = nil) throws(ReplicaStoreError) -> [RecordState] {
        guard configuration.indexedFields[collection]?.contains(field) == true else {
            throw ReplicaStoreError(.fieldNotIndexed, "\(collection).\(field) is not an indexed field")
        }
        let rows = try run {
            try connection.query("""
                SELECT r.state, r.id FROM record_field f JOIN record r ON r.collection = f.collection AND r.id = f.id
                WHERE f.collection = ? AND f.field = ? AND f.value = ? AND f.id > ? ORDER BY f.id LIMIT ?
                """, [.text(collection), .text(field), .text(JSONWriter.string(value)), .text(after ?? ""),
                      .integer(Int64(max(1, limit)))]) { (try $0.blob(at: 0), try $0.text(at: 1)) }
        }
        var states: [RecordState] = []
        for (bytes, id) in rows { states.append(try decode(bytes, key: RecordKey(collection: collection, id: id))) }
        return states
    }

    /// Records of a collection ordered by id, paged with `after`; deleted ones only when asked.
    public func records(in collection: String, includeDeleted: Bool = false, limit: Int = 1000,
                        after: String? = nil) throws(ReplicaStoreError) -> [RecordState] {
        let rows = try run {
            try connection.query("""
                SELECT state FROM record WHERE collection = ? AND id > ? \(includeDeleted ? "" : "AND deleted = 0")
                ORDER BY id LIMIT ?
                """, [.text(collection), .text(after ?? ""), .integer(Int64(max(1, limit)))]) { try $0.blob(at: 0) }
        }
        var states: [RecordState] = []
        for bytes in rows { states.append(try decode(bytes)) }
        return states
    }

    /// Ids of a collection starting with `prefix` (for git-like short ids), at most `limit`.
    public func ids(in collection: String, withPrefix prefix: String, limit: Int = 10) throws(ReplicaStoreError) -> [String] {
        try run {
            try connection.query("SELECT id FROM record WHERE collection = ? AND id >= ? AND id < ? ORDER BY id LIMIT ?",
                                 [.text(collection), .text(prefix), .text(prefix + "\u{10FFFF}"), .integer(Int64(max(1, limit)))]) {
                try $0.text(at: 0)
            }
        }
    }

    /// How many live records a collection holds.
    public func count(in collection: String) throws(ReplicaStoreError) -> Int {
        try run {
            try connection.queryOne("SELECT COUNT(*) FROM record WHERE collection = ? AND deleted = 0", [.text(collection)]) {
                Int(try $0.int64(at: 0))
            } ?? 0
        }
    }

    /// Every stored record, deleted ones included, in collection and then id order (byte
    /// order), or only those with unsynced local changes; `body` gets each in turn, so the
    /// whole store is never held in memory at once.
    public func forEachState(pendingOnly: Bool = false, _ body: (RecordState) throws -> Void) throws(ReplicaStoreError) {
        let sql = "SELECT state FROM record \(pendingOnly ? "WHERE pending_seq IS NOT NULL" : "") ORDER BY collection, id"
        try run {
            _ = try connection.query(sql) { row in try body(try decode(try row.blob(at: 0))) }
        }
    }

    /// Every record of a collection in id order, deleted ones included unless asked
    /// otherwise, read `pageSize` at a time (a short page is the last).
    public func allRecords(in collection: String, includeDeleted: Bool = true,
                           pageSize: Int = 500) throws(ReplicaStoreError) -> [RecordState] {
        try allPages(pageSize) { (after) throws(ReplicaStoreError) in
            try records(in: collection, includeDeleted: includeDeleted, limit: pageSize, after: after)
        }
    }

    /// Every live record of a collection whose indexed `field` shows `value`, in id order,
    /// read `pageSize` at a time.
    public func allRecords(in collection: String, where field: String, equals value: JSONValue,
                           pageSize: Int = 500) throws(ReplicaStoreError) -> [RecordState] {
        try allPages(pageSize) { (after) throws(ReplicaStoreError) in
            try records(in: collection, where: field, equals: value, limit: pageSize, after: after)
        }
    }

    /// Pages of a query keyed by id after `after`, until a short or empty page.
    private func allPages(_ pageSize: Int,
                          _ page: (String?) throws(ReplicaStoreError) -> [RecordState]) throws(ReplicaStoreError) -> [RecordState] {
        var result: [RecordState] = []
        var after: String? = nil
        while true {
            let next = try page(after)
            result += next
            guard next.count >= max(1, pageSize), let last = next.last?.id else { return result }
            after = last
        }
    }
}
