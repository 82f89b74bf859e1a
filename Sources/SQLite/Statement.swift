import CSQLite

/// One prepared SQL statement.
///
/// Lifecycle: `bind` values (which resets the statement and clears old bindings), `step`
/// until it returns `false`, read columns while `step` last returned `true`. Stepping
/// again after `false` re-runs the statement. The statement is finalized when the last
/// reference goes away.
///
/// Like its `Connection`, a statement must be used from one thread at a time.
public final class Statement {
    let handle: DatabaseHandle
    let stmt: OpaquePointer

    /// The SQL text as written (without bound values).
    public let sql: String
    /// The number of result columns (0 for statements that return no rows).
    public let columnCount: Int
    /// The number of `?` parameters; `bind(_:)` needs exactly this many values.
    public let parameterCount: Int
    /// Whether the last `step()` produced a row that can be read now.
    public private(set) var hasRow = false

    init(handle: DatabaseHandle, stmt: OpaquePointer) {
        self.handle = handle
        self.stmt = stmt
        self.sql = sqlite3_sql(stmt).map { String(cString: $0) } ?? ""
        self.columnCount = Int(sqlite3_column_count(stmt))
        self.parameterCount = Int(sqlite3_bind_parameter_count(stmt))
    }

    deinit { sqlite3_finalize(stmt) }

    // MARK: Binding

    /// Resets the statement and binds `values` to its parameters, in order.
    ///
    /// - Parameter values: Exactly `parameterCount` values.
    /// - Throws: `SQLiteError` with code `range` when the count is wrong, `too_big` when a
    ///   value exceeds SQLite's length limit.
    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        reset()
        clearBindings()
        guard values.count == parameterCount else {
            throw .range("statement has \(parameterCount) parameters, \(values.count) values given", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Binds one value; resets the statement first if it is mid-iteration.
    ///
    /// - Parameters:
    ///   - value: The value to bind.
    ///   - index: The 1-based parameter index, as in SQLite's `?NNN`.
    /// - Throws: `SQLiteError` with code `range` for an index outside `1...parameterCount`.
    public func bind(_ value: SQLValue, at index: Int) throws(SQLiteError) {
        guard index >= 1, index <= parameterCount else {
            throw .range("parameter index \(index) outside 1...\(parameterCount)", sql: sql)
        }
        if sqlite3_stmt_busy(stmt) != 0 { reset() }
        let position = Int32(index)
        let result: Int32
        switch value {
        case .null:
            result = sqlite3_bind_null(stmt, position)
        case .integer(let integer):
            result = sqlite3_bind_int64(stmt, position, integer)
        case .real(let real):
            result = sqlite3_bind_double(stmt, position, real)
        case .text(let text):
            result = bindText(text, at: position)
        case .blob(let bytes):
            result = bindBlob(bytes, at: position)
        }
        guard result == SQLITE_OK else { throw SQLiteError(result: result, db: handle.db, sql: sql) }
    }

    private func bindText(_ text: String, at position: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer in
            // A nil pointer would bind NULL instead of the empty string.
            guard let base = buffer.baseAddress, buffer.count > 0 else {
                return sqlite3_bind_text64(stmt, position, "", 0, SQLiteDestructor.transient, UInt8(SQLITE_UTF8))
            }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                sqlite3_bind_text64(stmt, position, chars, UInt64(buffer.count),
                                    SQLiteDestructor.transient, UInt8(SQLITE_UTF8))
            }
        }
    }

    private func bindBlob(_ bytes: [UInt8], at position: Int32) -> Int32 {
        // sqlite3_bind_blob with a nil pointer binds NULL; an empty blob must stay a blob.
        guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(stmt, position, 0) }
        return bytes.withUnsafeBytes { raw in
            sqlite3_bind_blob64(stmt, position, raw.baseAddress, UInt64(raw.count), SQLiteDestructor.transient)
        }
    }

    // MARK: Stepping

    /// Advances to the next row.
    ///
    /// - Returns: `true` when a row is available, `false` when the statement is done.
    /// - Throws: `SQLiteError`; the statement is reset so it holds no locks afterwards.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let result = sqlite3_step(stmt)
        switch result {
        case SQLITE_ROW:
            hasRow = true
            return true
        case SQLITE_DONE:
            hasRow = false
            return false
        default:
            hasRow = false
            let error = SQLiteError(result: result, db: handle.db, sql: sql)
            sqlite3_reset(stmt)
            throw error
        }
    }

    /// Binds `values` and steps until done, discarding any rows, then resets.
    ///
    /// - Throws: `SQLiteError` from binding or stepping.
    public func execute(_ values: [SQLValue] = []) throws(SQLiteError) {
        try bind(values)
        defer { reset() }
        while try step() {}
    }

    /// Rewinds the statement so it can run again and releases its read locks. Keeps
    /// bindings.
    public func reset() {
        // The return value repeats the last step's error, which step() already threw.
        sqlite3_reset(stmt)
        hasRow = false
    }

    /// Sets every parameter back to NULL, so bound values do not linger in memory.
    public func clearBindings() {
        sqlite3_clear_bindings(stmt)
    }
}
