import Foundation
import Testing
@testable import SQLite
import TestSupport

@Suite struct MigratorTests {
    /// Three migrations; the third depends on the first two having run in order.
    private func makeMigrator(log: LogBox = LogBox()) -> Migrator {
        var migrator = Migrator()
        migrator.register("create forums", sql: "CREATE TABLE forums(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        migrator.register("create posts") { db in
            log.names.append("create posts")
            try db.execute("CREATE TABLE posts(id INTEGER PRIMARY KEY, forum_id INTEGER NOT NULL REFERENCES forums(id))")
        }
        migrator.register("index posts by forum", sql: "CREATE INDEX posts_by_forum ON posts(forum_id)")
        return migrator
    }

    final class LogBox { var names: [String] = [] }

    @Test func appliesMigrationsInOrderAndRecordsTheVersion() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let db = try Connection(path: dir.path("a.db"))
        let applied = try makeMigrator().migrate(db)
        #expect(applied == 3)
        #expect(try db.scalar("PRAGMA user_version") == .integer(3))
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'posts_by_forum'") == .integer(1))
    }

    @Test func isIdempotentOnReopen() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("a.db")
        do { _ = try makeMigrator().migrate(try Connection(path: path)) }
        let log = LogBox()
        let db = try Connection(path: path)
        #expect(try makeMigrator(log: log).migrate(db) == 0)
        #expect(log.names.isEmpty)
        #expect(try makeMigrator().appliedCount(in: db) == 3)
    }

    @Test func appliesOnlyPendingMigrations() throws {
        let db = try Connection(path: ":memory:")
        var first = Migrator()
        first.register("create forums", sql: "CREATE TABLE forums(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        #expect(try first.migrate(db) == 1)
        let log = LogBox()
        #expect(try makeMigrator(log: log).migrate(db) == 2)
        #expect(log.names == ["create posts"])
    }

    @Test func failedMigrationRollsBackAndKeepsTheLastGoodVersion() throws {
        let db = try Connection(path: ":memory:")
        var migrator = makeMigrator()
        migrator.register("broken", sql: "CREATE TABLE half(x); CREATE TABLE posts(x)")
        let error = try #require(throws: SQLiteError.self) { try migrator.migrate(db) }
        #expect(error.message.contains("'broken'"))
        #expect(try db.scalar("PRAGMA user_version") == .integer(3))
        #expect(try db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half'") == .integer(0))
    }

    @Test func refusesANewerSchemaWithoutModifyingTheFile() throws {
        let dir = try TemporaryDirectory(prefix: "sqlite-tests")
        let path = dir.path("a.db")
        do {
            let db = try Connection(path: path)
            try makeMigrator().migrate(db)
            try db.execute("PRAGMA user_version = 7")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        do {
            let db = try Connection(path: path)
            let error = try #require(throws: SQLiteError.self) { try makeMigrator().migrate(db) }
            #expect(error.code == "newer_schema")
            #expect(error.message.contains("7"))
            #expect(error.message.contains(path))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func refusesDuplicateNamesBeforeTouchingTheDatabase() throws {
        let db = try Connection(path: ":memory:")
        var migrator = makeMigrator()
        migrator.register("create forums", sql: "CREATE TABLE other(x)")
        #expect { try migrator.migrate(db) } throws: { ($0 as? SQLiteError)?.code == "misuse" }
        #expect(try db.scalar("PRAGMA user_version") == .integer(0))
    }
}
