import Foundation
import SQLite
import SyncServer

/// The floor of the server's storing: the very rows `importStates` leaves behind (records,
/// field index, scope tags, and the acknowledgement ledger's shadows in its own file with
/// the server's `synchronous`), read back from a finished import and written again into a
/// fresh server's files with plain prepared INSERTs, 10,000 records per transaction as the
/// import commits them (the ledger's transaction first, then the database's). Nothing is
/// read, decided, encoded or hashed: what is left is the writing the storing's guarantees
/// need at the least. Re-sends (a participant's new sequence with each attendance) are not
/// replayed, so this is a lower bound.
struct StoringFloor {
    private struct Record {
        var values: [SQLValue]
        var fields: [[SQLValue]] = []
        var tags: [[SQLValue]] = []
        var shadow: [SQLValue]?
    }

    private let records: [Record]

    /// Reads the rows of the import in `directory` (a `ServerStore`'s data directory).
    init(readingImportIn directory: String) throws {
        let database = try Connection(path: directory + "/" + ServerStore.fileName)
        let ledger = try Connection(path: directory + "/" + ServerStore.ledgerFileName)
        var records = try database.query("""
            SELECT rowid, collection, id, state, seq, deleted, conflict, conflict_fields, conflict_since, review_flags,
                   pending_seq, updated_at FROM record ORDER BY rowid
            """) { row in Record(values: try (0..<12).map { try row.value(at: $0) }) }
        var index: [String: Int] = [:], byRowID: [Int64: Int] = [:]
        for (position, record) in records.enumerated() {
            if case .text(let collection) = record.values[1], case .text(let id) = record.values[2] {
                index[collection + "/" + id] = position
            }
            if case .integer(let rowid) = record.values[0] { byRowID[rowid] = position }
        }
        for field in try database.query("SELECT collection, field, value, id FROM record_field", row: { row in
            try (0..<4).map { try row.value(at: $0) }
        }) {
            guard case .text(let collection) = field[0], case .text(let id) = field[3],
                  let position = index[collection + "/" + id] else { continue }
            records[position].fields.append(field)
        }
        for tag in try database.query("SELECT tag, seq, record FROM record_tag", row: { row in
            try (0..<3).map { try row.value(at: $0) }
        }) {
            guard case .integer(let rowid) = tag[2], let position = byRowID[rowid] else { continue }
            records[position].tags.append(tag)
        }
        for shadow in try ledger.query("SELECT collection, id, shadow FROM shadow", row: { row in
            try (0..<3).map { try row.value(at: $0) }
        }) {
            guard case .text(let collection) = shadow[0], case .text(let id) = shadow[1],
                  let position = index[collection + "/" + id] else { continue }
            records[position].shadow = shadow
        }
        self.records = records
    }

    /// How many rows of each kind a record needs on average: field index, tags, shadows.
    var rowsPerRecord: (fields: Double, tags: Double, shadows: Double) {
        let n = Double(max(1, records.count))
        return (Double(records.reduce(0) { $0 + $1.fields.count }) / n, Double(records.reduce(0) { $0 + $1.tags.count }) / n,
                Double(records.count(where: { $0.shadow != nil })) / n)
    }

    /// Writes the rows into a fresh server's files (created by `ServerStore` with
    /// `configuration`, so schema and `synchronous` are the server's) and times it.
    /// - Parameter withLedger: whether the shadows are written too (`false`: what the
    ///   database alone costs).
    func measure(configuration: SyncServerConfiguration, withLedger: Bool = true,
                 batch: Int = 10_000) throws -> (wall: Double, cpu: Double) {
        let directory = BenchServer.temporaryDirectory("storing-floor")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try ServerStore(directory: directory, policy: BasicPolicy(), configuration: configuration)
        let pragma = Connection.Configuration(synchronous: configuration.synchronous == .full ? .full : .normal)
        let database = try Connection(path: directory + "/" + ServerStore.fileName, configuration: pragma)
        let ledger = try Connection(path: directory + "/" + ServerStore.ledgerFileName, configuration: pragma)
        return try Timing.measureBoth {
            var start = 0
            while start < records.count {
                let slice = records[start..<min(records.count, start + batch)]
                try database.transaction(.immediate) {
                    if withLedger { try ledger.transaction(.immediate) {
                        let insert = try ledger.cachedStatement(sql: "INSERT OR REPLACE INTO shadow (collection, id, shadow) VALUES (?, ?, ?)")
                        for record in slice { if let shadow = record.shadow { try insert.execute(shadow) } }
                    } }
                    let insert = try database.cachedStatement(sql: """
                        INSERT INTO record (rowid, collection, id, state, seq, deleted, conflict, conflict_fields, conflict_since,
                            review_flags, pending_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    let field = try database.cachedStatement(sql: "INSERT INTO record_field (collection, field, value, id) VALUES (?, ?, ?, ?)")
                    let tag = try database.cachedStatement(sql: "INSERT INTO record_tag (tag, seq, record) VALUES (?, ?, ?)")
                    for record in slice {
                        try insert.execute(record.values)
                        for row in record.fields { try field.execute(row) }
                        for row in record.tags { try tag.execute(row) }
                    }
                }
                start += batch
            }
        }
    }
}
