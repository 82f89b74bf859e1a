import CSQLite

/// Column access for the current row. Indexes are 0-based. Every accessor checks that a
/// row is available and the index is in range, since SQLite leaves both undefined.
extension Statement {
    /// The name of a result column; available without a current row.
    ///
    /// - Throws: `SQLiteError` with code `range` for an index outside `0..<columnCount`.
    public func columnName(at index: Int) throws(SQLiteError) -> String {
        guard index >= 0, index < columnCount else {
            throw .range("column index \(index) outside 0..<\(columnCount)", sql: sql)
        }
        return sqlite3_column_name(stmt, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// Whether the column holds NULL.
    public func isNull(at index: Int) throws(SQLiteError) -> Bool {
        sqlite3_column_type(stmt, try column(index)) == SQLITE_NULL
    }

    /// The column as an integer, converted as SQLite does (NULL is 0, text is parsed).
    public func int64(at index: Int) throws(SQLiteError) -> Int64 {
        sqlite3_column_int64(stmt, try column(index))
    }

    /// The column as a double, converted as SQLite does (NULL is 0.0).
    public func double(at index: Int) throws(SQLiteError) -> Double {
        sqlite3_column_double(stmt, try column(index))
    }

    /// The column as text (NULL is the empty string; use `isNull(at:)` or `value(at:)`
    /// to tell them apart). Invalid UTF-8 is repaired with U+FFFD, never trapped on.
    public func text(at index: Int) throws(SQLiteError) -> String {
        let column = try column(index)
        // column_text must come before column_bytes so the byte count is of the text form.
        guard let chars = sqlite3_column_text(stmt, column) else { return "" }
        let count = Int(sqlite3_column_bytes(stmt, column))
        return String(decoding: UnsafeBufferPointer(start: chars, count: count), as: UTF8.self)
    }

    /// The column as bytes (NULL and the empty blob are both `[]`).
    public func blob(at index: Int) throws(SQLiteError) -> [UInt8] {
        let column = try column(index)
        guard let bytes = sqlite3_column_blob(stmt, column) else { return [] }
        let count = Int(sqlite3_column_bytes(stmt, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column exactly as stored, by storage class.
    public func value(at index: Int) throws(SQLiteError) -> SQLValue {
        let column = try column(index)
        switch sqlite3_column_type(stmt, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(stmt, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, column))
        case SQLITE3_TEXT: return .text(try text(at: index))
        case SQLITE_BLOB: return .blob(try blob(at: index))
        default: return .null
        }
    }

    private func column(_ index: Int) throws(SQLiteError) -> Int32 {
        guard hasRow else {
            throw .range("no current row: step() must return true before reading columns", sql: sql)
        }
        guard index >= 0, index < columnCount else {
            throw .range("column index \(index) outside 0..<\(columnCount)", sql: sql)
        }
        return Int32(index)
    }
}
