/// The current row of a query, handed to the row closure of `Connection.query`.
///
/// A row reads from its statement in place: use it inside the closure only. After the
/// closure returns, the statement moves on and a kept row reads a different row or
/// throws `range`.
public struct Row {
    /// The statement positioned on this row.
    public let statement: Statement

    /// The number of columns.
    public var columnCount: Int { statement.columnCount }

    /// See `Statement.isNull(at:)`.
    public func isNull(at index: Int) throws(SQLiteError) -> Bool { try statement.isNull(at: index) }
    /// See `Statement.int64(at:)`.
    public func int64(at index: Int) throws(SQLiteError) -> Int64 { try statement.int64(at: index) }
    /// See `Statement.double(at:)`.
    public func double(at index: Int) throws(SQLiteError) -> Double { try statement.double(at: index) }
    /// See `Statement.text(at:)`.
    public func text(at index: Int) throws(SQLiteError) -> String { try statement.text(at: index) }
    /// See `Statement.blob(at:)`.
    public func blob(at index: Int) throws(SQLiteError) -> [UInt8] { try statement.blob(at: index) }
    /// See `Statement.value(at:)`.
    public func value(at index: Int) throws(SQLiteError) -> SQLValue { try statement.value(at: index) }

    /// The column as text, or `nil` when it is NULL.
    public func optionalText(at index: Int) throws(SQLiteError) -> String? {
        try isNull(at: index) ? nil : try text(at: index)
    }

    /// The column as an integer, or `nil` when it is NULL.
    public func optionalInt64(at index: Int) throws(SQLiteError) -> Int64? {
        try isNull(at: index) ? nil : try int64(at: index)
    }
}
