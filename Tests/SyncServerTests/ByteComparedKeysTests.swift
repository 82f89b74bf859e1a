import Foundation
import SyncCore
import Testing
import TestSupport
@testable import SyncServer

/// PROTOCOL.md §2 over the real HTTP interface: object keys are compared by their UTF-8
/// bytes, as RFC 8259 does, so `"é"` (C3 A9) and `"e\u0301"` (65 CC 81) are two keys. A
/// field value holding both is a valid value, stored and handed back as it was sent.
@Suite struct ByteComparedKeysTests {
    /// The canonical form of `{"é":1,"e\u0301":2}`: members sorted by bytes, raw UTF-8.
    static let bothSpellings = "{\"e\u{301}\":2,\"\u{E9}\":1}"

    /// Whether `bytes` holds `part` as a run of bytes.
    func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        bytes.indices.contains { bytes[$0...].starts(with: part) }
    }

    @Test func aValueObjectWithBothSpellingsAsKeysIsAcceptedAndPulledBackByteForByte() throws {
        let fixture = try ServerFixture(policy: BasicPolicy())
        let writer = try fixture.enrol()
        let reader = try fixture.enrol()
        var forum = try Records.forum("f1", municipality: "Södertälje", by: writer.replica)
        try forum.write(["note": "PLACEHOLDER"], by: writer.replica, at: Records.start.successor)
        let record = Array(String(decoding: forum.canonicalJSON, as: UTF8.self)
            .replacingOccurrences(of: #""PLACEHOLDER""#, with: Self.bothSpellings).utf8)
        #expect(contains(record, Array(Self.bothSpellings.utf8)))

        let body = Array(#"{"batch":"b1","records":["#.utf8) + record + Array("]}".utf8)
        let response = try requireValue(RawHTTPClient(port: fixture.port).request(
            "POST", "/v1/sync/push", headers: ["Authorization": "Bearer \(writer.token)"], body: body))
        #expect(response.status == 200)
        #expect(response.json?["results"]?.arrayValue?.first?["status"] == "merged")

        let pulled = try requireValue(RawHTTPClient(port: fixture.port).request(
            "GET", "/v1/sync/pull?cursor=&limit=500", headers: ["Authorization": "Bearer \(reader.token)"]))
        #expect(pulled.status == 200)
        #expect(contains(pulled.body, record), "the record comes back with the very bytes it was pushed with")
        let note = try #require(try fixture.pullAll(token: reader.token).first?.fields["note"]?.visibleValue)
        #expect(note.objectValue?.count == 2)
        #expect(note["\u{E9}"] == 1 && note["e\u{301}"] == 2)
    }
}
