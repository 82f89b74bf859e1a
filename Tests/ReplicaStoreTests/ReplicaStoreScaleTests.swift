import Foundation
import Testing
import SQLite
import SyncCore
import TestSupport
@testable import ReplicaStore

/// With a million records stored, the hot queries must go through indexes: no full scan.
@Suite struct ReplicaStoreScaleTests {
    @Test func hotQueriesUseIndexesAtAMillionRecords() throws {
        let dir = try TemporaryDirectory()
        let store = try makeStore(dir)
        let state = RecordFixtures.record(id: "template", fieldCount: 3).canonicalJSON
        // Bulk-fill with SQL: the point is the plan over a large table, not merge speed.
        try store.connection.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
            INSERT INTO record (collection, id, state, seq, deleted, conflict, conflict_fields, conflict_since,
                                review_flags, pending_seq, updated_at)
            SELECT 'honorarium', printf('r%07d', i), ?, i, 0, (i % 1000 = 0), NULL, CASE WHEN i % 1000 = 0 THEN i END,
                   NULL, CASE WHEN i % 500 = 0 THEN i END, i FROM n
            """, [.blob(state)])
        try store.connection.execute("ANALYZE")
        #expect(try store.lastSequence() == 1_000_000)

        let plans: [String: [String]] = [
            "changes": try store.connection.explainQueryPlan(
                "SELECT seq, state FROM record WHERE seq > ? ORDER BY seq LIMIT ?", [.integer(999_000), .integer(500)]),
            "pending": try store.connection.explainQueryPlan(
                "SELECT pending_seq, state FROM record WHERE pending_seq IS NOT NULL ORDER BY pending_seq LIMIT ?", [.integer(500)]),
            "pendingCount": try store.connection.explainQueryPlan(
                "SELECT COUNT(*) FROM record WHERE pending_seq IS NOT NULL"),
            "conflictCount": try store.connection.explainQueryPlan(
                "SELECT COUNT(*) FROM record INDEXED BY record_conflict WHERE conflict = 1"),
            "lookup": try store.connection.explainQueryPlan(
                "SELECT rowid, state, seq, conflict_since, pending_seq FROM record WHERE collection = ? AND id = ?",
                [.text("honorarium"), .text("r0000001")]),
        ]
        for (name, plan) in plans {
            #expect(!plan.isEmpty, "\(name) has a plan")
            for step in plan {
                #expect(!(step.hasPrefix("SCAN record") && !step.contains("INDEX")),
                        "\(name) scans the whole table: \(plan)")
            }
        }
        // And the public calls answer from those indexes.
        #expect(try store.changes(since: 999_990, limit: 100).changes.count == 10)
        #expect(try store.pendingCount() == 2_000)
        #expect(try store.conflictCounts().conflicts == 1_000)
    }
}
