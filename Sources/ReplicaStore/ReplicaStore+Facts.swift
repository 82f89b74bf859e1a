import SQLite
import SyncCore

// `record.facts` holds, beside each state, the visible values of the fields the host's
// rules read when they follow a reference to the record (`Configuration.factFields`),
// written by `save` in the same statement as the state, so it is committed and rolled
// back with it (see `factsValue(of:)` for the encoding). Reading a parent's municipality or status for
// a rule check is then a small row, not the decoding of a whole state (16 % of a local
// write in perf, where 2,000 forums and 20,000 participants cycled through the
// decoded-state cache). A checkpoint names the fields the column was filled for; a store
// opened with other fields (or a file from before the column) fills it once.
extension ReplicaStore {
    /// The schema step adding `record.facts`, for a host to register among its own
    /// migrations (`Configuration.hostMigrations`) when it keeps facts: a step of the
    /// host's, so a program from before it refuses the file (`store_newer_schema`) instead
    /// of storing states without their facts. The store adds the column itself when a host
    /// keeps facts without the step.
    public static let factsColumnSQL = "ALTER TABLE record ADD COLUMN facts BLOB"

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
                try connection.execute(Self.factsColumnSQL)
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

    /// Separates the values in `record.facts`: JSON text never holds it unescaped.
    static let factSeparator: UInt8 = 0x1F

    /// The `facts` column's value for `state`: the JSON text of the visible value of each
    /// fact field in configured order (empty when unset), separated by 0x1F; `NULL` for a
    /// collection without fact fields. Not a JSON object: encoding and parsing one (its
    /// keys sorted, hashed) was 8 % of a local write in perf.
    func factsValue(of state: RecordState) -> SQLValue {
        guard let fields = configuration.factFields[state.collection] else { return .null }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * fields.count)
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(Self.factSeparator) }
            if let value = state[field] { JSONWriter.write(value, into: &bytes) }
        }
        return .blob(bytes)
    }

    /// The deleted flag and the configured fact fields of a record, `nil` when none is
    /// stored. Read from `record.facts` when the store keeps facts for the collection,
    /// otherwise (or when the stored facts cannot be read) from the decoded state, where
    /// every field answers.
    public func facts(collection: String, id: String) throws(ReplicaStoreError) -> RecordFacts? {
        guard keepsFacts, let fields = configuration.factFields[collection] else {
            return try state(collection: collection, id: id).map(RecordFacts.init)
        }
        let found = try run {
            try connection.queryOne("SELECT deleted, facts FROM record WHERE collection = ? AND id = ?",
                                    [.text(collection), .text(id)]) { row in
                (try row.int64(at: 0), try row.isNull(at: 1) ? nil : try row.blob(at: 1))
            }
        }
        guard let (deleted, bytes) = found else { return nil }
        guard let bytes, let values = Self.factValues(bytes, count: fields.count) else {
            return try state(collection: collection, id: id).map(RecordFacts.init)
        }
        return RecordFacts(isDeleted: deleted != 0, fields: fields, values: values)
    }

    /// The values `factsValue(of:)` wrote, `nil` when `bytes` do not hold `count` of them.
    static func factValues(_ bytes: [UInt8], count: Int) -> [JSONValue?]? {
        var values: [JSONValue?] = []
        values.reserveCapacity(count)
        var start = 0
        while true {
            let end = bytes[start...].firstIndex(of: factSeparator) ?? bytes.endIndex
            let segment = bytes[start..<end]
            if segment.isEmpty {
                values.append(nil)
            } else if let value = factValue(segment) {
                values.append(value)
            } else {
                return nil
            }
            guard end < bytes.endIndex else { break }
            start = end + 1
        }
        return values.count == count ? values : nil
    }

    /// One JSON value: a string without escapes, `true` and `false` read directly (what
    /// facts nearly always are), anything else through `JSONParser`.
    static func factValue(_ segment: ArraySlice<UInt8>) -> JSONValue? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        if segment.count >= 2, segment.first == quote, segment.last == quote,
           !segment.dropFirst().dropLast().contains(where: { $0 == backslash || $0 == quote || $0 < 0x20 }) {
            return .string(String(decoding: segment.dropFirst().dropLast(), as: UTF8.self))
        }
        if segment.elementsEqual("true".utf8) { return .bool(true) }
        if segment.elementsEqual("false".utf8) { return .bool(false) }
        return try? JSONParser().parse(segment)
    }
}
