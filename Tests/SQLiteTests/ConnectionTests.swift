import Foundation
import Testing
@testable import SQLite
import TestSupport

@Suite struct ConnectionTests {
    @Test func opensCreatesAndReopensAFileDatabase() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("a.db")
        do {
            let db = try Connection(path: path)
            try db.execute("CREATE TABLE t(x INTEGER)")
            try db.execute("INSERT INTO t VALUES (?)", [42])
            #expect(db.lastInsertRowID == 1)
            #expect(db.changes == 1)
        }
        let reopened = try Connection(path: path)
        #expect(try reopened.queryOne("SELECT x FROM t") { try $0.int64(at: 0) } == 42)
    }

    @Test func appliesConfiguredPragmas() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let db = try Connection(path: dir.path("a.db"))
        #expect(try db.scalar("PRAGMA journal_mode") == .text("wal"))
        #expect(try db.scalar("PRAGMA foreign_keys") == .integer(1))
        #expect(try db.scalar("PRAGMA synchronous") == .integer(1))  // NORMAL

        let full = try Connection(path: dir.path("b.db"),
                                  configuration: .init(journalModeWAL: false, synchronous: .full, foreignKeys: false))
        #expect(try full.scalar("PRAGMA journal_mode") == .text("delete"))
        #expect(try full.scalar("PRAGMA foreign_keys") == .integer(0))
        #expect(try full.scalar("PRAGMA synchronous") == .integer(2))
    }

    @Test func mapsTheFileIntoMemoryUpToTheConfiguredSize() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let small = try Connection(path: dir.path("a.db"), configuration: .init(mmapSizeKiB: 1024))
        #expect(try small.scalar("PRAGMA mmap_size") == .integer(1024 * 1024))
        let off = try Connection(path: dir.path("b.db"), configuration: .init(mmapSizeKiB: 0))
        #expect(try off.scalar("PRAGMA mmap_size") == .integer(0))
        // Sizes beyond what SQLite was built for are capped by SQLite, not an error or a trap.
        let huge = try Connection(path: dir.path("c.db"), configuration: .init(mmapSizeKiB: .max))
        if case .integer(let bytes)? = try huge.scalar("PRAGMA mmap_size") { #expect(bytes > 0) } else { Issue.record("no mmap_size") }
    }

    @Test func refusesAMissingFileWithoutCreateIfMissing() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("missing.db")
        #expect {
            _ = try Connection(path: path, configuration: .init(createIfMissing: false))
        } throws: { ($0 as? SQLiteError)?.code == "cannot_open" }
        #expect(try dir.fileNames().isEmpty)
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("a.db")
        let writer = try Connection(path: path)
        try writer.execute("CREATE TABLE t(x)")
        let reader = try Connection(path: path, configuration: .init(readOnly: true))
        #expect(try reader.query("SELECT x FROM t") { try $0.int64(at: 0) }.isEmpty)
        #expect {
            try reader.execute("INSERT INTO t VALUES (1)")
        } throws: { ($0 as? SQLiteError)?.code == "readonly" }
    }

    @Test func enforcesForeignKeys() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("""
            CREATE TABLE parent(id INTEGER PRIMARY KEY);
            CREATE TABLE child(parent_id INTEGER NOT NULL REFERENCES parent(id));
            """)
        #expect {
            try db.execute("INSERT INTO child VALUES (?)", [7])
        } throws: { ($0 as? SQLiteError)?.extendedResultCode == 787 }  // SQLITE_CONSTRAINT_FOREIGNKEY
    }

    @Test func executeRunsEveryStatementOfAScript() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x); -- comment\nINSERT INTO t VALUES (1); INSERT INTO t VALUES (2);  ")
        #expect(try db.query("SELECT x FROM t ORDER BY x") { try $0.int64(at: 0) } == [1, 2])
    }

    @Test func refusesSeveralStatementsWhereOneIsExpected() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        #expect {
            try db.execute("INSERT INTO t VALUES (?); DROP TABLE t", [1])
        } throws: { ($0 as? SQLiteError)?.code == "misuse" }
        #expect(try db.query("SELECT count(*) FROM t") { try $0.int64(at: 0) } == [0])
    }

    @Test func refusesSQLWithANulCharacter() throws {
        let db = try Connection(path: ":memory:")
        #expect {
            try db.execute("CREATE TABLE t(x);\u{0}DROP TABLE t")
        } throws: { ($0 as? SQLiteError)?.code == "misuse" }
    }

    @Test func refusesDoubleQuotedStringLiterals() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x)")
        // A typo'd column name must not silently become a string.
        #expect {
            try db.execute("SELECT \"nope\" FROM t")
        } throws: { ($0 as? SQLiteError)?.code == "error" }
    }
}
