import Testing
@testable import SyncCore

private let a = ReplicaID("dev-a")!
private let b = ReplicaID("dev-b")!
private func t(_ ms: Int64) -> HybridTimestamp { HybridTimestamp(wallMillis: ms) }

@Suite struct RecordStateTests {
    private func base() throws -> RecordState {
        var s = RecordState(collection: "honorarium", id: "h1")
        try s.write(["amount": 900, "status": "proposed"], by: a, at: t(1))
        return s
    }

    @Test func localWriteIncrementsCounterAndCollapsesRegister() throws {
        var s = try base()
        let stamp = try #require(try s.write(["amount": 500], by: a, at: t(2)))
        #expect(stamp.dot == Dot(replica: a, counter: 2))
        #expect(s.context[a] == 2)
        #expect(s.fields["amount"]?.entries.count == 1)
        #expect(s["amount"] == 500)
    }

    @Test func writingTheSameValueWritesNothing() throws {
        var s = try base()
        #expect(try s.write(["amount": 900], by: a, at: t(2)) == nil)
        #expect(s.context[a] == 1)
    }

    @Test func concurrentWritesToDifferentFieldsMergeWithoutConflict() throws {
        var x = try base(), y = x
        try x.write(["amount": 500], by: a, at: t(2))
        try y.write(["status": "approved"], by: b, at: t(3))
        let m = try x.merged(with: y)
        #expect(m["amount"] == 500)
        #expect(m["status"] == "approved")
        #expect(m.conflicts.isEmpty)
    }

    @Test func concurrentWritesOfDifferentValuesAreKeptAsAConflict() throws {
        var x = try base(), y = x
        try x.write(["amount": 500], by: a, at: t(2))
        try y.write(["amount": 700], by: b, at: t(3))
        let m = try x.merged(with: y)
        #expect(m.fields["amount"]?.distinctValues.count == 2)
        #expect(m["amount"] == 700) // later timestamp wins the display
        #expect(m.conflicts.map(\.code) == ["field_conflict"])
    }

    @Test func concurrentWritesOfTheSameValueAreNoConflict() throws {
        var x = try base(), y = x
        try x.write(["amount": 500], by: a, at: t(2))
        try y.write(["amount": 500], by: b, at: t(3))
        #expect(try x.merged(with: y).conflicts.isEmpty)
    }

    @Test func aWriteThatSawTheConflictResolvesIt() throws {
        var x = try base(), y = x
        try x.write(["amount": 500], by: a, at: t(2))
        try y.write(["amount": 700], by: b, at: t(3))
        var m = try x.merged(with: y)
        try m.write(["amount": 600], by: a, at: t(1)) // a clock behind still wins: it saw both
        #expect(m.conflicts.isEmpty)
        #expect(try m.merged(with: y)["amount"] == 600)
        #expect(try y.merged(with: m) == m.merged(with: y))
    }

    @Test func deleteVersusConcurrentUpdateIsReportedAndResolvableBothWays() throws {
        var x = try base(), y = x
        x.delete(by: a, at: t(2))
        try y.write(["amount": 700], by: b, at: t(3))
        let m = try x.merged(with: y)
        #expect(m.isDeleted)
        #expect(m.conflicts.map(\.code) == ["delete_update_conflict"])

        var restored = m
        try restored.restore(["status": "proposed"], by: a, at: t(4))
        #expect(!restored.isDeleted && restored.conflicts.isEmpty && restored["amount"] == 700)

        var confirmed = m
        confirmed.delete(by: b, at: t(4))
        #expect(confirmed.isDeleted && confirmed.conflicts.isEmpty && confirmed.visibleValues.isEmpty)
    }

    @Test func deleteAfterSeeingAnUpdateIsNoConflict() throws {
        var x = try base()
        try x.write(["amount": 700], by: b, at: t(3))
        var y = x
        y.delete(by: a, at: t(4))
        let m = try x.merged(with: y)
        #expect(m.isDeleted && m.conflicts.isEmpty)
    }

    @Test func foreignDotsAreThoseNeitherPusherNorServerKnows() throws {
        var s = try base()
        try s.write(["amount": 1], by: b, at: t(2))
        #expect(RecordState.foreignDots(in: s, pushedBy: b, known: nil) == [Dot(replica: a, counter: 1)])
        #expect(RecordState.foreignDots(in: s, pushedBy: b, known: try base()).isEmpty)
    }

    @Test func mergingDifferentRecordsIsRefused() throws {
        let x = RecordState(collection: "forum", id: "1"), y = RecordState(collection: "forum", id: "2")
        #expect(throws: SyncCoreError.self) { try x.merged(with: y) }
    }

    @Test func canonicalJSONRoundTripsByteForByte() throws {
        var s = try base()
        try s.write(["note": "Anteckning: å ä ö \"citat\"\n"], by: b, at: t(2))
        let bytes = s.canonicalJSON
        let back = try RecordState(jsonBytes: bytes)
        #expect(back == s)
        #expect(back.canonicalJSON == bytes)
        #expect(JSONWriter.bytes(s.jsonValue) == bytes)
    }

    @Test(arguments: [
        (#"{"collection":"forum","id":"f1","context":{},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#, "dot_not_in_context"),
        (#"{"collection":"Forum","id":"f1","context":{},"fields":{}}"#, "invalid_collection"),
        (#"{"collection":"forum","id":"f 1","context":{},"fields":{}}"#, "invalid_record_id"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"_secret":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#, "reserved_field"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",0],"time":[1,0],"value":1}]}}"#, "invalid_dot"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1},{"dot":["dev-a",1],"time":[1,0],"value":2}]}}"#, "duplicate_dot"),
        (#"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1.5}]}}"#, "invalid_json"),
        (#"{"collection":"forum","id":"f1","context":[],"fields":{}}"#, "invalid_record"),
    ])
    func refusesInvalidStatesWithAStableCode(json: String, code: String) {
        #expect {
            try RecordState(jsonBytes: Array(json.utf8))
        } throws: { ($0 as? SyncCoreError)?.code.rawValue == code }
    }
}

@Suite struct RecordConflictFastPathTests {
    @Test func hasConflictAgreesWithTheConflictListOnRandomHistories() throws {
        let replicas = ["dev-a", "dev-b", "dev-c"].compactMap(ReplicaID.init)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var states = Array(repeating: RecordState(collection: "forum", id: "f"), count: 3)
            for step in 0..<6 {
                let who = Int.random(in: 0..<3, using: &generator)
                let time = HybridTimestamp(wallMillis: Int64(step))
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: states[who].delete(by: replicas[who], at: time)
                case 1: try states[who].restore(by: replicas[who], at: time)
                case 2: try states[who].merge(states[(who + 1) % 3])
                default: try states[who].write(["x": .integer(Int64.random(in: 0..<3, using: &generator))], by: replicas[who], at: time)
                }
            }
            let merged = try states[0].merged(with: states[1]).merged(with: states[2])
            for state in states + [merged] { #expect(state.hasConflict == !state.conflicts.isEmpty) }
        }
    }
}
