import Testing
@testable import SQLite

@Suite struct StatementTests {
    static let values: [SQLValue] = [
        .null, .integer(0), .integer(.max), .integer(.min), .real(3.25), .real(-0.0),
        .text(""), .text("åäö ÅÄÖ – 💬"), .text("nul\u{0}inside"),
        .blob([]), .blob([0, 0, 1, 0, 255]), .blob([UInt8](repeating: 0, count: 1000)),
    ]

    @Test(arguments: values)
    func roundTripsEveryStorageClass(value: SQLValue) throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(v)")
        try db.execute("INSERT INTO t VALUES (?)", [value])
        let read = try db.queryOne("SELECT v, typeof(v) FROM t") { row in
            (try row.value(at: 0), try row.text(at: 1))
        }
        #expect(read?.0 == value)
        #expect(read?.1 == ["null", "integer", "real", "text", "blob"][Self.storageIndex(value)])
    }

    @Test func typedAccessorsReadTheSameRow() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT ?, ?, ?, ?, ?")
        try statement.bind([7, 2.5, "åäö", .blob([0, 1]), nil])
        #expect(try statement.step())
        #expect(statement.columnCount == 5)
        #expect(try statement.int64(at: 0) == 7)
        #expect(try statement.double(at: 1) == 2.5)
        #expect(try statement.text(at: 2) == "åäö")
        #expect(try statement.blob(at: 3) == [0, 1])
        #expect(try statement.isNull(at: 4))
        #expect(try !statement.isNull(at: 0))
        #expect(try !statement.step())
    }

    @Test func bindsByOneBasedIndex() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT ?1 || ?2")
        try statement.bind("a", at: 2)
        try statement.bind("b", at: 1)
        #expect(try statement.step())
        #expect(try statement.text(at: 0) == "ba")
    }

    @Test func refusesAWrongNumberOfBindings() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT ?, ?")
        #expect(throws: SQLiteError.self) { try statement.bind([1]) }
        #expect(throws: SQLiteError.self) { try statement.bind(1, at: 3) }
        #expect(throws: SQLiteError.self) { try statement.bind(1, at: 0) }
    }

    @Test func refusesColumnAccessWithoutARowOrOutOfRange() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT 1")
        #expect { _ = try statement.int64(at: 0) } throws: { ($0 as? SQLiteError)?.code == "range" }
        #expect(try statement.step())
        #expect { _ = try statement.text(at: 1) } throws: { ($0 as? SQLiteError)?.code == "range" }
        #expect { _ = try statement.blob(at: -1) } throws: { ($0 as? SQLiteError)?.code == "range" }
        #expect(try !statement.step())
        #expect { _ = try statement.int64(at: 0) } throws: { ($0 as? SQLiteError)?.code == "range" }
    }

    @Test func rebindingResetsAndClearsOldValues() throws {
        let db = try Connection(path: ":memory:")
        let statement = try db.prepare("SELECT ?")
        try statement.bind(["first"])
        #expect(try statement.step())
        try statement.bind(["second"])  // mid-iteration: must reset, not fail
        #expect(try statement.step())
        #expect(try statement.text(at: 0) == "second")
        statement.reset()
        statement.clearBindings()
        #expect(try statement.step())
        #expect(try statement.isNull(at: 0))
    }

    @Test func statementOutlivingItsConnectionStillWorks() throws {
        var db: Connection? = try Connection(path: ":memory:")
        let statement = try #require(try db?.prepare("SELECT 5"))
        db = nil
        #expect(try statement.step())
        #expect(try statement.int64(at: 0) == 5)
    }

    private static func storageIndex(_ value: SQLValue) -> Int {
        switch value {
        case .null: 0
        case .integer: 1
        case .real: 2
        case .text: 3
        case .blob: 4
        }
    }
}
