import Testing
@testable import SyncCore

@Suite struct JSONWriterTests {
    @Test func canonicalSizeBoundIsNeverBelowTheCanonicalSize() {
        var states = RandomRecordStates(seed: 9)
        var exact = 0
        for _ in 0..<5_000 {
            let value = states.value(depth: 0)
            let size = JSONWriter.bytes(value).count
            let bound = JSONWriter.canonicalSizeBound(value)
            #expect(bound >= size, "\(value)")
            if bound == size { exact += 1 }
        }
        #expect(exact > 0) // null, and strings of nothing but control characters, are met exactly
        #expect(JSONWriter.canonicalSizeBound(.string("\u{01}")) == JSONWriter.bytes(.string("\u{01}")).count)
    }
}
