import CSQLite

/// Owns one `sqlite3*` and closes it when the last owner goes away.
///
/// Both `Connection` and every `Statement` hold the handle strongly, so a statement that
/// outlives its connection object still points at an open database, and the handle is
/// closed only after every statement is finalized (no zombie connections).
final class DatabaseHandle {
    let db: OpaquePointer

    init(_ db: OpaquePointer) { self.db = db }

    deinit {
        // close_v2 never fails with SQLITE_BUSY for unfinalized statements; by
        // construction there are none left here anyway.
        sqlite3_close_v2(db)
    }
}
