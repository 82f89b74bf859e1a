import Foundation
import Testing
@testable import SQLite
import TestSupport

@Suite struct ConnectionBackupTests {
    @Test func copiesCommittedRowsWhileAnotherConnectionHoldsAWriteTransaction() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let source = dir.path("live.db")
        let target = dir.path("backup.db")
        let db = try Connection(path: source)
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT)")
        for i in 1...100 { try db.execute("INSERT INTO t(body) VALUES (?)", [.text("rad \(i) åäö")]) }

        let writer = try Connection(path: source)
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("INSERT INTO t(body) VALUES (?)", ["uncommitted"])

        try db.backup(to: target)
        try writer.execute("COMMIT")

        let copy = try Connection(path: target)
        let bodies = try copy.query("SELECT body FROM t ORDER BY id") { try $0.text(at: 0) }
        #expect(bodies.count == 100)
        #expect(bodies.first == "rad 1 åäö")
        #expect(!bodies.contains("uncommitted"))
        #expect(try copy.integrityCheck() == ["ok"])
        #expect(!FileManager.default.fileExists(atPath: target + ".partial"))
    }

    @Test func replacesAnExistingBackup() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let db = try Connection(path: dir.path("live.db"))
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
        let target = dir.path("backup.db")
        try Data("old junk".utf8).write(to: URL(fileURLWithPath: target))
        try db.backup(to: target)
        let copy = try Connection(path: target)
        #expect(try copy.query("SELECT x FROM t") { try $0.int64(at: 0) } == [1])
    }

    @Test func refusesToBackUpOntoItself() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("live.db")
        let db = try Connection(path: path)
        #expect { try db.backup(to: path) } throws: { ($0 as? SQLiteError)?.code == "misuse" }
    }

    @Test func failsCleanlyForAnUnwritableDestination() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let db = try Connection(path: dir.path("live.db"))
        let target = dir.path("no-such-dir/backup.db")
        #expect { try db.backup(to: target) } throws: { ($0 as? SQLiteError)?.code == "cannot_open" }
    }
}
