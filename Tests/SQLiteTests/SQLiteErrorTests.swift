import Testing
@testable import SQLite
import TestSupport

@Suite struct SQLiteErrorTests {
    @Test func uniqueViolationHasTheConstraintCode() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x TEXT UNIQUE)")
        try db.execute("INSERT INTO t VALUES (?)", ["a"])
        let error = try #require(throws: SQLiteError.self) {
            try db.execute("INSERT INTO t VALUES (?)", ["a"])
        }
        #expect(error.code == "constraint")
        #expect(error.resultCode == 19)          // SQLITE_CONSTRAINT
        #expect(error.extendedResultCode == 2067) // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.sql == "INSERT INTO t VALUES (?)")
    }

    @Test func descriptionNeverContainsABoundValue() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x TEXT UNIQUE, y TEXT NOT NULL CHECK (length(y) < 5))")
        let marker = "PERSONAL-DATA-MARKER-7f3a"
        try db.execute("INSERT INTO t VALUES (?, ?)", [.text(marker), "ok"])

        let unique = try #require(throws: SQLiteError.self) {
            try db.execute("INSERT INTO t VALUES (?, ?)", [.text(marker), "ok"])
        }
        let check = try #require(throws: SQLiteError.self) {
            try db.execute("INSERT INTO t VALUES (?, ?)", ["other", .text(marker)])
        }
        for error in [unique, check] {
            #expect(error.code == "constraint")
            #expect(!error.description.contains(marker))
            #expect(!String(reflecting: error).contains(marker))
            #expect(!error.message.contains(marker))
        }
    }

    @Test func valueDescriptionShowsOnlyTheStorageClass() {
        #expect(SQLValue.text("secret").description == "TEXT")
        #expect(SQLValue.blob([1]).description == "BLOB")
    }

    @Test func syntaxErrorHasTheErrorCodeAndNamesTheSQL() throws {
        let db = try Connection(path: ":memory:")
        let error = try #require(throws: SQLiteError.self) { try db.execute("SELEKT 1") }
        #expect(error.code == "error")
        #expect(error.sql == "SELEKT 1")
        #expect(error.description.contains("syntax error"))
    }

    @Test func busyWriterGetsTheBusyCode() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("a.db")
        let first = try Connection(path: path)
        let second = try Connection(path: path, configuration: .init(busyTimeout: 0))
        try first.execute("CREATE TABLE t(x)")
        try first.execute("BEGIN IMMEDIATE")
        #expect {
            try second.transaction { try second.execute("INSERT INTO t VALUES (1)") }
        } throws: { ($0 as? SQLiteError)?.code == "busy" }
        try first.execute("ROLLBACK")
    }

    @Test func mapsPrimaryResultCodes() {
        #expect(SQLiteError.code(forPrimary: 5) == "busy")
        #expect(SQLiteError.code(forPrimary: 8) == "readonly")
        #expect(SQLiteError.code(forPrimary: 10) == "io")
        #expect(SQLiteError.code(forPrimary: 11) == "corrupt")
        #expect(SQLiteError.code(forPrimary: 13) == "full")
        #expect(SQLiteError.code(forPrimary: 21) == "misuse")
        #expect(SQLiteError.code(forPrimary: 26) == "not_a_database")
        #expect(SQLiteError.code(forPrimary: 1) == "error")
        #expect(SQLiteError.code(forPrimary: 999) == "error")
    }
}
