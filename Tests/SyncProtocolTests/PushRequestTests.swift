import SyncCore
import SyncProtocol
import Testing
import TestSupport

/// The push body as a client builds it.
@Suite struct PushRequestTests {
    @Test func aBodyFromEncodedRecordsIsByteForByteTheEncodedBody() {
        let records = (0..<5).map { RecordFixtures.record(id: "h\($0)", fieldCount: $0 + 1, seed: $0) }
        let body = PushRequest(batch: "p1-5-5", records: records).body
        #expect(PushRequest.body(batch: "p1-5-5", encodedRecords: records.map(\.canonicalJSON)) == body)
        #expect(PushRequest.body(batch: "p0", encodedRecords: []) == PushRequest(batch: "p0", records: []).body)
    }
}
