import Foundation
import SQLite
import SyncCore

/// What the server has acknowledged, kept in a file of its own beside the database
/// (`acknowledged.sqlite`), which a restore from a backup leaves in place: the shadow of
/// every record's latest stored state (its context and entry digests, no values), and the
/// server's incarnations. After a restore, the shadows let the server tell the writes it
/// acknowledged and then forgot from forged ones (PROTOCOL.md §14a).
///
/// Shadows are written in the push's transaction before the database commits: a crash in
/// between leaves a shadow ahead of the database, which only ever admits writes that were
/// legitimately pushed; never the other way round.
final class AcknowledgementLedger: @unchecked Sendable {
    /// The file name inside the data directory.
    static let fileName = "acknowledged.sqlite"

    let connection: Connection
    private var pending: [String: RecordState] = [:]
    /// The current incarnation: 32 hex characters, new with every restore.
    private(set) var incarnation: String
    /// Whether the server has ever been restored: only then can a shadow be ahead of a
    /// stored state, and only then are shadows read.
    private(set) var hasBeenRestored: Bool

    /// Opens (creating if needed) the ledger at `path` (owner-only, 0600), with the
    /// database's `synchronous` (`SyncServerConfiguration.synchronous`): with `.full` a
    /// flushed shadow is on the disk before the database's COMMIT begins, so no power loss
    /// leaves the ledger behind the database.
    init(path: String, clock: WallClock, synchronous: Connection.Synchronous = .full) throws {
        ServerStore.makePrivate(databaseAt: path)
        connection = try Connection(path: path, configuration: .init(synchronous: synchronous))
        ServerStore.makePrivate(databaseAt: path)
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS shadow (collection TEXT NOT NULL, id TEXT NOT NULL, shadow BLOB NOT NULL,
                                               PRIMARY KEY (collection, id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS incarnation (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, started INTEGER NOT NULL,
                                                    restored_from TEXT);
            """)
        if try connection.queryOne("SELECT 1 FROM incarnation LIMIT 1", row: { _ in 1 }) == nil {
            try connection.execute("INSERT INTO incarnation (id, started) VALUES (?, ?)",
                                   [.text(SecureRandom.incarnationID()), .integer(clock())])
        }
        let rows = try connection.query("SELECT id FROM incarnation ORDER BY seq") { try $0.text(at: 0) }
        incarnation = rows.last ?? ""
        hasBeenRestored = rows.count > 1
    }

    /// The shadow of the latest state of a record the server acknowledged, `nil` when none
    /// is kept (or the server was never restored, when it can only equal the stored state).
    func shadow(collection: String, id: String) throws -> RecordShadow? {
        let noted = pending["\(collection)/\(id)"]
        guard hasBeenRestored else { return noted.map(RecordShadow.init(of:)) }
        // A record stored earlier in this transaction: the kept shadow advanced to it, as
        // `flush` will write it (the kept one may hold entries the restore forgot).
        let kept = try kept(collection: collection, id: id)
        guard let noted else { return kept }
        return kept?.advanced(to: noted) ?? RecordShadow(of: noted)
    }

    /// The shadow written for a record, `nil` when none.
    private func kept(collection: String, id: String) throws -> RecordShadow? {
        try connection.queryOne("SELECT shadow FROM shadow WHERE collection = ? AND id = ?",
                                [.text(collection), .text(id)]) { RecordShadow(jsonBytes: try $0.blob(at: 0)) } ?? nil
    }

    /// The states noted since the last flush: taken before a push of a group (group
    /// commit) and put back with `restore` when that push is rolled back to its savepoint.
    var noted: [String: RecordState] { pending }

    /// Puts back the noted states as `noted` returned them.
    func restore(_ noted: [String: RecordState]) { pending = noted }

    /// Notes a state about to be stored; written by `flush`.
    func note(_ state: RecordState) { pending["\(state.collection)/\(state.id)"] = state }

    /// Writes the noted shadows in one transaction (each joined with the one kept, whose
    /// context may be ahead after a restore). Call before the database's commit.
    func flush() throws {
        guard !pending.isEmpty else { return }
        let states = pending.values
        pending = [:]
        try connection.transaction(.immediate) {
            let insert = try connection.cachedStatement(sql: "INSERT OR REPLACE INTO shadow (collection, id, shadow) VALUES (?, ?, ?)")
            for state in states {
                // Never restored: the shadow is the state's own, written straight from it.
                let bytes: [UInt8]
                if hasBeenRestored, let kept = try kept(collection: state.collection, id: state.id) {
                    bytes = kept.advanced(to: state).jsonBytes
                } else {
                    bytes = RecordShadow.jsonBytes(of: state)
                }
                try insert.execute([.text(state.collection), .text(state.id), .blob(bytes)])
            }
        }
    }

    /// Drops noted shadows of a transaction that did not commit.
    func discard() { pending = [:] }

    /// Starts a new incarnation (a restore) and returns its id.
    func beginIncarnation(restoredFrom source: String, at millis: Int64) throws -> String {
        let id = SecureRandom.incarnationID()
        try connection.execute("INSERT INTO incarnation (id, started, restored_from) VALUES (?, ?, ?)",
                               [.text(id), .integer(millis), .text(source)])
        incarnation = id
        hasBeenRestored = true
        return id
    }

    /// Every incarnation, oldest first.
    func incarnations() throws -> [(id: String, started: Int64)] {
        try connection.query("SELECT id, started FROM incarnation ORDER BY seq") { (try $0.text(at: 0), try $0.int64(at: 1)) }
    }
}

extension AcknowledgementLedger {
    /// Drops a record's shadow: its tombstone was purged (PROTOCOL.md §14d).
    func forget(collection: String, id: String) throws {
        try connection.execute("DELETE FROM shadow WHERE collection = ? AND id = ?", [.text(collection), .text(id)])
    }
}
