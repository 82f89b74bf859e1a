import SQLite
import SyncCore

// `record_field` holds the visible value of each configured indexed field of every live
// record. Its rows are deleted by their full key, computed from the state stored before,
// so only the fields whose value changed are touched, and no per-record index is needed:
// with random-looking ids each such index entry was one more random B-tree insert per row.
// That requires the rows to be exactly what the configuration implies for the stored
// states; a checkpoint records which fields they were built for, and a store opened with
// other indexed fields (or one built before this rule) rebuilds them once.
extension ReplicaStore {
    /// Checkpoint key naming the fields `record_field` was built for.
    static let fieldIndexKey = "store.indexed_fields"

    /// The configured indexed fields as one stable string: `collection.field`, sorted.
    var fieldIndexSignature: String {
        configuration.indexedFields.flatMap { collection, fields in fields.map { collection + "." + $0 } }
            .sorted().joined(separator: " ")
    }

    /// Rebuilds `record_field` from the stored states when it was built for other fields.
    /// A read-only store is left as it is.
    func reconcileFieldIndex() throws(ReplicaStoreError) {
        guard !connection.configuration.readOnly else { return }
        // The schema's first step created a per-record index on record_field, which
        // nothing uses now. Dropped here rather than by a new schema step: steps are
        // counted by position, and the host's steps follow the store's.
        try run { try connection.execute("DROP INDEX IF EXISTS record_field_record") }
        let signature = fieldIndexSignature
        guard try checkpoint(Self.fieldIndexKey) != signature else { return }
        try transaction {
            try connection.execute("DELETE FROM record_field")
            for (collection, fields) in configuration.indexedFields.sorted(by: { $0.key < $1.key }) where !fields.isEmpty {
                var after = ""
                while true {
                    let rows = try connection.query(
                        "SELECT id, state FROM record WHERE collection = ? AND id > ? ORDER BY id LIMIT 500",
                        [.text(collection), .text(after)]) { (try $0.text(at: 0), try $0.blob(at: 1)) }
                    guard let last = rows.last else { break }
                    for (_, bytes) in rows { try updateFieldIndex(try decode(bytes), previous: nil) }
                    after = last.0
                }
            }
            try setCheckpoint(Self.fieldIndexKey, signature)
        }
    }

    /// Brings the field rows of a record from what `previous` implied to what `state` implies.
    func updateFieldIndex(_ state: RecordState, previous: RecordState?) throws(ReplicaStoreError) {
        guard let fields = configuration.indexedFields[state.collection], !fields.isEmpty else { return }
        guard let previous else {
            // A record not stored before (most of a first sync): nothing to compare or delete.
            guard !state.isDeleted else { return }
            try run {
                for field in fields {
                    guard let value = state[field] else { continue }
                    try connection.cachedStatement(
                        sql: "INSERT OR IGNORE INTO record_field (collection, field, value, id) VALUES (?, ?, ?, ?)")
                        .execute([.text(state.collection), .text(field), .text(JSONWriter.string(value)), .text(state.id)])
                }
            }
            return
        }
        let old = Self.indexedValues(of: previous, fields: fields)
        let new = Self.indexedValues(of: state, fields: fields)
        guard old != new else { return }
        try run {
            for (field, value) in old where new[field] != value {
                try connection.cachedStatement(
                    sql: "DELETE FROM record_field WHERE collection = ? AND field = ? AND value = ? AND id = ?")
                    .execute([.text(state.collection), .text(field), .text(value), .text(state.id)])
            }
            for (field, value) in new where old[field] != value {
                try connection.cachedStatement(
                    sql: "INSERT OR IGNORE INTO record_field (collection, field, value, id) VALUES (?, ?, ?, ?)")
                    .execute([.text(state.collection), .text(field), .text(value), .text(state.id)])
            }
        }
    }

    /// The indexed values of a state as stored in `record_field`; none for a deleted record.
    static func indexedValues(of state: RecordState, fields: Set<String>) -> [String: String] {
        guard !state.isDeleted else { return [:] }
        var values: [String: String] = [:]
        for field in fields {
            if let value = state[field] { values[field] = JSONWriter.string(value) }
        }
        return values
    }
}
