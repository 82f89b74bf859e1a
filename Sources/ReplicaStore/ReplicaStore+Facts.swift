import SQLite
import SyncCore

// `record.facts` holds, beside each state, the visible values of the fields the host's
// rules read when they follow a reference to the record (`Configuration.factFields`): a
// JSON object of those present, written by `save` in the same statement as the state, so
// it is committed and rolled back with it. Reading a parent's municipality or status for
// a rule check is then a small row, not the decoding of a whole state (16 % of a local
// write in perf, where 2,000 forums and 20,000 participants cycled through the
// decoded-state cache). A checkpoint names the fields the column was filled for; a store
// opened with other fields (or a file from before the column) fills it once.
extension ReplicaStore {
    /// Checkpoint key naming the fields `record.facts` was filled for.
    static let factsKey = "store.fact_fields"

    /// The configured fact fields as one stable string: `collection.field`, sorted.
    var factsSignature: String {
        configuration.factFields.flatMap { collection, fields in fields.map { collection + "." + $0 } }
            .sorted().joined(separator: " ")
    }

    /// Adds the `facts` column when missing and fills it for every stored row when it was
    /// filled for other fields (or never). Returns whether facts can be read from the
    /// column; a read-only store whose column is missing or stale falls back to states.
    func reconcileFacts() throws(ReplicaStoreError) -> Bool {
        guard !configuration.factFields.isEmpty else { return false }
        let columns = try run { try connection.query("PRAGMA table_info(record)") { try $0.text(at: 1) } }
        let signature = factsSignature
        if columns.contains("facts"), try checkpoint(Self.factsKey) == signature { return true }
        guard !connection.configuration.readOnly else { return false }
        try transaction {
            if !columns.contains("facts") {
                try connection.execute("ALTER TABLE record ADD COLUMN facts BLOB")
            }
            var after: Int64 = 0
            while true {
                let rows = try connection.query(
                    "SELECT rowid, collection, state FROM record WHERE rowid > ? ORDER BY rowid LIMIT 500",
                    [.integer(after)]) { (try $0.int64(at: 0), try $0.text(at: 1), try $0.blob(at: 2)) }
                guard let last = rows.last else { break }
                for (rowid, collection, bytes) in rows {
                    let value = configuration.factFields[collection] == nil ? SQLValue.null : factsValue(of: try decode(bytes))
                    try connection.cachedStatement(sql: "UPDATE record SET facts = ? WHERE rowid = ?").execute([value, .integer(rowid)])
                }
                after = last.0
            }
            try setCheckpoint(Self.factsKey, signature)
        }
        return true
    }

    /// The `facts` column's value for `state`: `NULL` for a collection without fact fields.
    func factsValue(of state: RecordState) -> SQLValue {
        guard let fields = configuration.factFields[state.collection] else { return .null }
        return .blob(JSONWriter.bytes(RecordFacts.values(of: state, fields: fields)))
    }

    /// The deleted flag and the configured fact fields of a record, `nil` when none is
    /// stored. Read from `record.facts` when the store keeps facts for the collection,
    /// otherwise from the decoded state (every field answers then).
    /// - Throws: `store_corrupt_record` when the stored facts are not a JSON object.
    public func facts(collection: String, id: String) throws(ReplicaStoreError) -> RecordFacts? {
        guard keepsFacts, configuration.factFields[collection] != nil else {
            return try state(collection: collection, id: id).map(RecordFacts.init)
        }
        let found = try run {
            try connection.queryOne("SELECT deleted, facts FROM record WHERE collection = ? AND id = ?",
                                    [.text(collection), .text(id)]) { row in
                (try row.int64(at: 0), try row.isNull(at: 1) ? nil : try row.blob(at: 1))
            }
        }
        guard let (deleted, bytes) = found else { return nil }
        guard let bytes else { return try state(collection: collection, id: id).map(RecordFacts.init) }
        guard case .object(let members)? = try? JSONParser().parse(bytes) else {
            throw ReplicaStoreError(.corruptRecord, "the stored facts of a record could not be read")
        }
        return RecordFacts(isDeleted: deleted != 0, values: members)
    }
}
