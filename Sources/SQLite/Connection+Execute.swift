import CSQLite

extension Connection {
    /// Runs one or more SQL statements separated by semicolons, without bindings;
    /// rows they return are discarded. For schema scripts and pragmas.
    ///
    /// - Parameter sql: SQL text. Never splice personal data into it: bind it instead.
    /// - Throws: `SQLiteError` from the first failing statement; earlier ones stay applied
    ///   unless the caller wraps the call in `transaction`.
    public func execute(_ sql: String) throws(SQLiteError) {
        let bytes = try Self.utf8(of: sql)
        var offset = 0
        while offset < bytes.count {
            let (prepared, next) = try prepareOne(bytes, from: offset, persistent: false, sql: sql)
            offset = next
            guard let prepared else { continue }  // whitespace or a comment
            let statement = Statement(handle: handle, stmt: prepared)
            while try statement.step() {}
        }
    }

    /// Runs one statement with bound values, discarding any rows.
    ///
    /// - Parameters:
    ///   - sql: Exactly one statement, with `?` placeholders.
    ///   - bindings: One value per placeholder.
    /// - Throws: `SQLiteError`; code `misuse` when `sql` holds more than one statement.
    public func execute(_ sql: String, _ bindings: [SQLValue]) throws(SQLiteError) {
        let statement = try cachedStatement(sql: sql)
        defer { statement.reset(); statement.clearBindings() }
        try statement.bind(bindings)
        while try statement.step() {}
    }

    /// Runs a query and maps every row.
    ///
    /// - Parameters:
    ///   - sql: Exactly one statement, with `?` placeholders.
    ///   - bindings: One value per placeholder.
    ///   - row: Maps the current row; must not keep the `Row`.
    /// - Returns: The mapped rows, in result order.
    /// - Throws: `SQLiteError`, or whatever `row` throws.
    public func query<T>(_ sql: String, _ bindings: [SQLValue] = [], row: (Row) throws -> T) throws -> [T] {
        let statement = try cachedStatement(sql: sql)
        // Resetting releases the read snapshot even when the mapping throws.
        defer { statement.reset(); statement.clearBindings() }
        try statement.bind(bindings)
        var results: [T] = []
        while try statement.step() {
            results.append(try row(Row(statement: statement)))
        }
        return results
    }

    /// Runs a query and maps its first row only.
    ///
    /// - Returns: The mapped first row, or `nil` when there is none.
    /// - Throws: `SQLiteError`, or whatever `row` throws.
    public func queryOne<T>(_ sql: String, _ bindings: [SQLValue] = [], row: (Row) throws -> T) throws -> T? {
        let statement = try cachedStatement(sql: sql)
        defer { statement.reset(); statement.clearBindings() }
        try statement.bind(bindings)
        guard try statement.step() else { return nil }
        return try row(Row(statement: statement))
    }

    /// The first column of the first row, or `nil` when there is no row. Keeps typed
    /// throws for internal callers.
    func scalar(_ sql: String, _ bindings: [SQLValue] = []) throws(SQLiteError) -> SQLValue? {
        let statement = try cachedStatement(sql: sql)
        defer { statement.reset(); statement.clearBindings() }
        try statement.bind(bindings)
        guard try statement.step() else { return nil }
        return try statement.value(at: 0)
    }

    /// A prepared statement for `sql` from the connection's cache, reset and with
    /// bindings cleared.
    ///
    /// The statement stays valid until the next `cachedStatement` call with the same SQL.
    /// If the cached one is mid-iteration (stepped but not finished), a fresh uncached
    /// statement is returned instead so the running iteration is not disturbed.
    ///
    /// - Parameter sql: Exactly one statement.
    /// - Throws: `SQLiteError` from preparing; code `misuse` for zero or several statements.
    public func cachedStatement(sql: String) throws(SQLiteError) -> Statement {
        if let cached = statementCache.statement(for: sql) {
            guard sqlite3_stmt_busy(cached.stmt) == 0 else { return try prepare(sql, persistent: false) }
            cached.reset()
            cached.clearBindings()
            return cached
        }
        let statement = try prepare(sql, persistent: statementCache.capacity > 0)
        statementCache.insert(statement, for: sql)
        return statement
    }

    /// Prepares one statement, outside the cache.
    ///
    /// - Parameter sql: Exactly one statement.
    /// - Throws: `SQLiteError` from preparing; code `misuse` for zero or several statements.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try prepare(sql, persistent: false)
    }

    // MARK: Preparing

    private func prepare(_ sql: String, persistent: Bool) throws(SQLiteError) -> Statement {
        let bytes = try Self.utf8(of: sql)
        let (prepared, tail) = try prepareOne(bytes, from: 0, persistent: persistent, sql: sql)
        guard let prepared else { throw .misuse("SQL text holds no statement", sql: sql) }
        let statement = Statement(handle: handle, stmt: prepared)
        // Silently ignoring a second statement would hide bugs (and half-run scripts).
        var offset = tail
        while offset < bytes.count {
            let (extra, next) = try prepareOne(bytes, from: offset, persistent: false, sql: sql)
            if let extra {
                sqlite3_finalize(extra)
                throw .misuse("SQL text holds more than one statement; use execute(_:) for scripts", sql: sql)
            }
            offset = next
        }
        return statement
    }

    /// Prepares the statement starting at byte `offset` of `bytes`.
    ///
    /// - Returns: The statement (nil for only whitespace or comments) and the offset of
    ///   the rest of the text.
    private func prepareOne(_ bytes: [UInt8], from offset: Int, persistent: Bool,
                            sql: String) throws(SQLiteError) -> (OpaquePointer?, Int) {
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let outcome: Result<(OpaquePointer?, Int), SQLiteError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, offset < buffer.count else { return .success((nil, buffer.count)) }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                let start = chars + offset
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let result = sqlite3_prepare_v3(db, start, Int32(buffer.count - offset), flags, &statement, &tail)
                guard result == SQLITE_OK else {
                    return .failure(SQLiteError(result: result, db: db, sql: sql))
                }
                let next = tail.map { $0 - chars } ?? buffer.count
                // Guard against a tail that does not advance, which would loop forever.
                return .success((statement, max(next, offset + 1)))
            }
        }
        return try outcome.get()
    }

    /// The UTF-8 bytes of `sql`, refusing text SQLite would misread.
    private static func utf8(of sql: String) throws(SQLiteError) -> [UInt8] {
        let bytes = Array(sql.utf8)
        // SQLite stops at a NUL, silently dropping whatever follows it.
        guard !bytes.contains(0) else { throw .misuse("SQL text contains a NUL character", sql: nil) }
        guard bytes.count < Int(Int32.max) else {
            throw SQLiteError(code: "too_big", resultCode: SQLITE_TOOBIG, message: "SQL text is too long")
        }
        return bytes
    }
}
