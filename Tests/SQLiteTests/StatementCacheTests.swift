import Testing
@testable import SQLite

@Suite struct StatementCacheTests {
    @Test func reusesTheSameStatementWithFreshState() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)")
        for (id, name) in [(1, "a"), (2, "b"), (3, "c")] {
            try db.execute("INSERT INTO t VALUES (?, ?)", [.integer(Int64(id)), .text(name)])
        }
        let sql = "SELECT name FROM t WHERE id >= ? ORDER BY id"
        let first = try db.cachedStatement(sql: sql)
        try first.bind([2])
        #expect(try first.step())  // leave it mid-iteration on purpose
        #expect(try first.text(at: 0) == "b")
        first.reset()

        let second = try db.cachedStatement(sql: sql)
        #expect(second === first)
        #expect(!second.hasRow)
        try second.bind([1])
        var names: [String] = []
        while try second.step() { names.append(try second.text(at: 0)) }
        #expect(names == ["a", "b", "c"])
        #expect(try db.query(sql, [3]) { try $0.text(at: 0) } == ["c"])
    }

    @Test func handsOutAFreshStatementWhileTheCachedOneIsIterating() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2)")
        let sql = "SELECT x FROM t ORDER BY x"
        // The inner query uses the same SQL while the outer one is mid-iteration.
        let pairs = try db.query(sql) { outer in
            (try outer.int64(at: 0), try db.query(sql) { try $0.int64(at: 0) })
        }
        #expect(pairs.map(\.0) == [1, 2])
        #expect(pairs.map(\.1) == [[1, 2], [1, 2]])
    }

    @Test func evictsTheLeastRecentlyUsedStatement() throws {
        let db = try Connection(path: ":memory:", configuration: .init(statementCacheCapacity: 2))
        let a = try db.cachedStatement(sql: "SELECT 1")
        _ = try db.cachedStatement(sql: "SELECT 2")
        _ = try db.cachedStatement(sql: "SELECT 1")  // touch: SELECT 2 is now the oldest
        _ = try db.cachedStatement(sql: "SELECT 3")
        #expect(db.statementCache.count == 2)
        #expect(try db.cachedStatement(sql: "SELECT 1") === a)
    }

    @Test func capacityZeroDisablesCaching() throws {
        let db = try Connection(path: ":memory:", configuration: .init(statementCacheCapacity: 0))
        let a = try db.cachedStatement(sql: "SELECT 1")
        #expect(try db.cachedStatement(sql: "SELECT 1") !== a)
        #expect(db.statementCache.count == 0)
    }
}
