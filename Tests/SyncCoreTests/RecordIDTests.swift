import Testing
@testable import SyncCore
import Digest

@Suite struct RecordIDTests {
    @Test func derivedIDsAreTheSameOnEveryDevice() {
        let one = RecordID.derived(collection: "attendance", naturalKey: ["forum-1", "participant-7"])
        let two = RecordID.derived(collection: "attendance", naturalKey: ["forum-1", "participant-7"])
        #expect(one == two)
        #expect(one.count == 32)
        #expect(RecordState.isValidRecordID(one))
    }

    @Test func derivedIDsFollowTheDocumentedConstruction() {
        let bytes = Array("attendance".utf8) + [0] + Array("f".utf8) + [0] + Array("p".utf8)
        #expect(RecordID.derived(collection: "attendance", naturalKey: ["f", "p"])
                == String(SHA256.hex(bytes).prefix(32)))
    }

    @Test func componentBoundariesMatter() {
        #expect(RecordID.derived(collection: "x", naturalKey: ["ab", "c"])
                != RecordID.derived(collection: "x", naturalKey: ["a", "bc"]))
        #expect(RecordID.derived(collection: "attendance", naturalKey: ["f"])
                != RecordID.derived(collection: "honorarium", naturalKey: ["f"]))
    }

    @Test func randomIDsAreValidAndDistinct() {
        let ids = Set((0..<1000).map { _ in RecordID.random() })
        #expect(ids.count == 1000)
        #expect(ids.allSatisfy { $0.count == 32 && RecordState.isValidRecordID($0) })
    }
}
