extension Connection {
    /// Runs `PRAGMA integrity_check`.
    ///
    /// - Returns: `["ok"]` for a sound database, otherwise SQLite's problem descriptions
    ///   (page and index names, no record contents).
    /// - Throws: `SQLiteError` when the check cannot run.
    public func integrityCheck() throws(SQLiteError) -> [String] {
        try textColumn("PRAGMA integrity_check", [], column: 0)
    }

    /// The `detail` lines of `EXPLAIN QUERY PLAN` for `sql`, e.g.
    /// `SEARCH posts USING INDEX posts_by_forum (forum_id=?)` or `SCAN posts`.
    ///
    /// - Parameters:
    ///   - sql: One statement; it is planned, not run.
    ///   - bindings: Values for its placeholders (they can influence the plan).
    /// - Throws: `SQLiteError` when the statement does not prepare.
    public func explainQueryPlan(_ sql: String, _ bindings: [SQLValue] = []) throws(SQLiteError) -> [String] {
        // Columns: id, parent, notused, detail.
        try textColumn("EXPLAIN QUERY PLAN " + sql, bindings, column: 3)
    }

    private func textColumn(_ sql: String, _ bindings: [SQLValue], column: Int) throws(SQLiteError) -> [String] {
        let statement = try prepare(sql)
        defer { statement.reset(); statement.clearBindings() }
        try statement.bind(bindings)
        var lines: [String] = []
        while try statement.step() {
            lines.append(try statement.text(at: column))
        }
        return lines
    }
}
