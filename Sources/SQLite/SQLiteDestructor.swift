import CSQLite

/// SQLite's destructor sentinels, which the C header defines as casts of small integers
/// to a function pointer; Swift cannot import such macros.
enum SQLiteDestructor {
    /// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns. Used for
    /// every bind, because Swift buffers are only valid inside their `with…` closure.
    static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

}
