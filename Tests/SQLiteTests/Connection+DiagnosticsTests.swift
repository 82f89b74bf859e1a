import Testing
@testable import SQLite

@Suite struct ConnectionDiagnosticsTests {
    private func makeDatabase() throws -> Connection {
        let db = try Connection(path: ":memory:")
        try db.execute("""
            CREATE TABLE posts(id INTEGER PRIMARY KEY, forum_id INTEGER NOT NULL, body TEXT NOT NULL);
            CREATE INDEX posts_by_forum ON posts(forum_id);
            """)
        return db
    }

    @Test func integrityCheckReportsOk() throws {
        let db = try makeDatabase()
        try db.execute("INSERT INTO posts(forum_id, body) VALUES (?, ?)", [1, "hej"])
        #expect(try db.integrityCheck() == ["ok"])
    }

    @Test func queryPlanShowsAnIndexSearchForAnIndexedLookup() throws {
        let plan = try makeDatabase().explainQueryPlan("SELECT body FROM posts WHERE forum_id = ?", [1])
        #expect(plan.contains { $0.contains("SEARCH") && $0.contains("USING INDEX posts_by_forum") })
    }

    @Test func queryPlanShowsAScanForAnUnindexedLookup() throws {
        let plan = try makeDatabase().explainQueryPlan("SELECT id FROM posts WHERE body = ?", ["hej"])
        #expect(plan.contains { $0.hasPrefix("SCAN") })
        #expect(!plan.contains { $0.contains("USING INDEX") })
    }
}
