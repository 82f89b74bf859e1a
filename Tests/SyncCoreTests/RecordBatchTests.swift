import Testing
import TestSupport
@testable import SyncCore

@Suite struct RecordBatchTests {
    static let record = #"{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}"#

    /// The tree path's reading of a batch: the records, and every other member.
    static func tree(_ bytes: [UInt8], recordsKey: String = "records") -> (records: [RecordState], members: [JSONKey: JSONValue])? {
        guard var object = (try? JSONParser().parse(bytes))?.objectValue, let items = object[JSONKey(recordsKey)]?.arrayValue else { return nil }
        var records: [RecordState] = []
        for item in items {
            guard let state = try? RecordState(json: item) else { return nil }
            records.append(state)
        }
        object[JSONKey(recordsKey)] = nil
        return (records, object)
    }

    /// Whether the direct batch, if any, is the tree path's.
    static func agrees(_ bytes: [UInt8], maximumRecords: Int = .max) -> Bool {
        guard let batch = RecordBatch(jsonBytes: bytes, maximumRecords: maximumRecords) else { return true }
        guard let tree = tree(bytes) else { return false }
        return batch.records == tree.records && batch.members == tree.members && batch.records.count <= maximumRecords
    }

    @Test func decodesAPullPageWithItsMembersInAnyOrder() throws {
        let page = #" { "more" : true , "records" : [ \#(Self.record) , \#(Self.record) ] , "cursor" : "12" } "#
        let batch = try #require(RecordBatch(jsonBytes: Array(page.utf8)))
        #expect(batch.records.count == 2)
        #expect(batch.members == ["cursor": "12", "more": true])
        #expect(Self.agrees(Array(page.utf8)))
    }

    @Test func decodesAnEmptyRecordsArray() throws {
        let batch = try #require(RecordBatch(jsonBytes: Array(#"{"batch":"b1","records":[]}"#.utf8)))
        #expect(batch.records.isEmpty && batch.members == ["batch": "b1"])
    }

    @Test(arguments: [
        #"{"records":[],"records":[]}"#, #"{"cursor":"1","cursor":"2","records":[]}"#, #"{"records":[],"x":{"a":1,"a":2}}"#,
        #"{"cursor":"1"}"#, #"{"records":{}}"#, #"{"records":[1]}"#, #"{"records":[[]]}"#, #"[]"#, #"{"records":[]} x"#,
        #"{"records":[],}"#, #"{"records":[\#(record),]}"#, #"{"records":[{"collection":"forum","id":"f1","context":{},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}]}"#,
        #"{"records":[{"collection":"forum","id":"f1","context":{},"fields":{},"extra":1}]}"#, "", "{",
    ])
    func declinesWhatIsInvalidOrUnusual(json: String) {
        #expect(RecordBatch(jsonBytes: Array(json.utf8)) == nil)
    }

    @Test func declinesMoreRecordsThanTheMaximum() {
        let body = Array(#"{"records":[\#(Self.record),\#(Self.record),\#(Self.record)]}"#.utf8)
        #expect(RecordBatch(jsonBytes: body, maximumRecords: 2) == nil)
        #expect(RecordBatch(jsonBytes: body, maximumRecords: 3)?.records.count == 3)
    }

    @Test func countsNestingDepthFromTheTopOfTheDocument() {
        // Records sit at depth 3, their entries at 6: 58 more arrays in a value reach 64.
        func page(nesting: Int) -> [UInt8] {
            Array((#"{"records":[{"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":"#
                + String(repeating: "[", count: nesting) + String(repeating: "]", count: nesting) + "}]}}]}").utf8)
        }
        #expect(RecordBatch(jsonBytes: page(nesting: 58)) != nil)
        #expect(RecordBatch(jsonBytes: page(nesting: 59)) == nil)
        #expect((try? JSONParser().parse(page(nesting: 59))) == nil)
        // The same record alone may nest deeper: depth is the document's, not the record's.
        #expect(Self.tree(page(nesting: 58)) != nil)
    }

    @Test(arguments: Array(UInt64(1)...4))
    func randomPagesAndTheirMutationsAgreeWithTheTreePath(seed: UInt64) {
        var states = RandomRecordStates(seed: seed &+ 5_000)
        var rng = SeededGenerator(seed: seed &* 31)
        var direct = 0
        for index in 0..<300 {
            let records = (0..<rng.below(5)).map { _ in states.next().jsonValue }
            let page: JSONValue = ["records": .array(records), "cursor": .string(String(index)), "more": .bool(rng.chance(50))]
            var writer = LooseJSONWriter(shuffle: true, whitespace: 20, escapes: 10)
            let bytes = writer.bytes(page, rng: &rng)
            let batch = RecordBatch(jsonBytes: bytes)
            #expect(batch != nil && Self.agrees(bytes), "seed \(seed) page \(index)")
            var mutated = bytes
            for _ in 0...rng.below(2) { mutated = ByteMutator.mutate(mutated, rng.pick(ByteMutator.Kind.allCases), rng: &rng) }
            #expect(Self.agrees(mutated, maximumRecords: 3), "seed \(seed) page \(index), mutated")
            if RecordBatch(jsonBytes: mutated) != nil { direct += 1 }
        }
        #expect(direct > 0)
    }
}
