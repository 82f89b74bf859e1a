import Foundation
import Testing
import SQLite
import SyncCore
import TestSupport
@testable import ReplicaStore

private let devA = RecordFixtures.replica("dev-a")
private func t(_ ms: Int64) -> HybridTimestamp { HybridTimestamp(wallMillis: 1_764_000_000_000 + ms) }

/// `record.facts`: the configured fields of each state, kept by `save` beside it.
@Suite struct ReplicaStoreFactsTests {
    static func makeStore(_ directory: TemporaryDirectory, facts: [String: [String]]) throws -> ReplicaStore {
        var configuration = ReplicaStore.Configuration()
        configuration.factFields = facts
        return try ReplicaStore(path: directory.path("replica.sqlite"), configuration: configuration)
    }

    @Test func factsFollowEverySaveAndAnswerOnlyTheirFields() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.makeStore(dir, facts: ["attendance": ["forumId", "present"]])
        var state = RecordState(collection: "attendance", id: "a1")
        try state.write(["forumId": "f1", "present": true, "note": "x"], by: devA, at: t(1))
        try store.save(state)
        var facts = try #require(try store.facts(collection: "attendance", id: "a1"))
        #expect(facts["forumId"] == "f1" && facts["present"] == .bool(true) && !facts.isDeleted)
        #expect(facts["note"] == nil)
        try state.write(["present": false], by: devA, at: t(2))
        try store.save(state)
        facts = try #require(try store.facts(collection: "attendance", id: "a1"))
        #expect(facts["present"] == .bool(false))
        _ = state.delete(by: devA, at: t(3))
        try store.save(state)
        facts = try #require(try store.facts(collection: "attendance", id: "a1"))
        #expect(facts.isDeleted)
        #expect(try store.facts(collection: "attendance", id: "unknown") == nil)
    }

    @Test func factValuesReadBackAsWritten() throws {
        let dir = try TemporaryDirectory()
        let fields = ["a", "b", "c", "d", "e", "f", "g"]
        let store = try Self.makeStore(dir, facts: ["attendance": fields])
        let values: [String: JSONValue] = ["a": "Södertälje", "b": "quote \" and \\ and \u{1F}", "c": .integer(-42), "d": .null,
                                           "e": .bool(false), "f": .array(["x", .object(["k": "v"])])]
        var state = RecordState(collection: "attendance", id: "a1")
        try state.write(values, by: devA, at: t(1))
        try store.save(state)
        let facts = try #require(try store.facts(collection: "attendance", id: "a1"))
        for field in fields { #expect(facts[field] == state[field], "\(field)") }
        #expect(facts["g"] == nil)
    }

    @Test func aCollectionWithoutFactFieldsAnswersFromItsState() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.makeStore(dir, facts: ["attendance": ["forumId"]])
        var state = RecordState(collection: "forum", id: "f1")
        try state.write(["title": "Forum"], by: devA, at: t(1))
        try store.save(state)
        #expect(try store.facts(collection: "forum", id: "f1")?["title"] == "Forum")
        let stored = try store.connection.queryOne("SELECT facts IS NULL FROM record WHERE id = 'f1'") { try $0.int64(at: 0) }
        #expect(stored == 1)
    }

    @Test func aStoreWithoutFactFieldsAddsNoColumn() throws {
        let dir = try TemporaryDirectory()
        let store = try Self.makeStore(dir, facts: [:])
        let columns = try store.connection.query("PRAGMA table_info(record)") { try $0.text(at: 1) }
        #expect(!columns.contains("facts"))
    }

    @Test func aStoreOpenedForOtherFactFieldsFillsThemForEveryRow() throws {
        let dir = try TemporaryDirectory()
        do {
            let store = try Self.makeStore(dir, facts: [:])
            for index in 0..<1_200 { // more than one page of the fill
                var state = RecordState(collection: "attendance", id: String(format: "a%04d", index))
                try state.write(["forumId": .string("f\(index % 3)")], by: devA, at: t(1))
                try store.save(state)
            }
        }
        let reopened = try Self.makeStore(dir, facts: ["attendance": ["forumId"]])
        #expect(try reopened.facts(collection: "attendance", id: "a0007")?["forumId"] == "f1")
        let unfilled = try reopened.connection.queryOne("SELECT COUNT(*) FROM record WHERE facts IS NULL") { try $0.int64(at: 0) }
        #expect(unfilled == 0)
        #expect(try reopened.checkpoint(ReplicaStore.factsKey) == "attendance.forumId")
    }
}
