import Foundation
import SyncCore
import SyncProtocol
import Testing

/// The one list of protocol error codes and PROTOCOL.md §16 say the same.
@Suite struct WireErrorCodeTests {
    /// The `| status | `code` | meaning |` rows of §16's table.
    static func documentedCodes() throws -> [(status: Int, code: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Protocol/PROTOCOL.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: "## 16. Errors"))
        let end = try #require(text.range(of: "## 17.", range: start.upperBound..<text.endIndex))
        return text[start.upperBound..<end.lowerBound].split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let status = Int(cells[0]), cells[1].hasPrefix("`") else { return nil }
            return (status, cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")))
        }
    }

    @Test func everyCodeIsDocumentedWithItsStatusAndNothingElseIs() throws {
        let documented = try Self.documentedCodes()
        #expect(documented.count >= WireErrorCode.allCases.count)
        for (status, code) in documented {
            let known = WireErrorCode(rawValue: code)
            #expect(known != nil, "§16 documents \(code), which the protocol module does not declare")
            #expect(known?.httpStatus == status, "\(code): §16 says \(status), the module \(known?.httpStatus ?? 0)")
        }
        let names = Set(documented.map(\.code))
        for code in WireErrorCode.allCases {
            #expect(names.contains(code.rawValue), "\(code.rawValue) is not in PROTOCOL.md §16")
        }
    }

    /// A pushed state SyncCore refuses is answered with SyncCore's own code: each code a
    /// state's validation can give is a wire code (the two lists are one fact in two layers).
    @Test func everyCodeOfARefusedRecordStateIsAWireCode() {
        let notFromValidation: Set<SyncCoreError.Code> = [.recordMismatch, .unknownField]
        for code in SyncCoreError.Code.allCases where !notFromValidation.contains(code) {
            #expect(WireErrorCode(rawValue: code.rawValue) != nil, "\(code.rawValue) is not a wire code")
        }
    }

    @Test func anErrorBodyRoundTripsWithItsExtraMembers() throws {
        let error = WireError(.unknownCollection, "Record 2 names a collection the server does not know.",
                              extra: ["index": .integer(2)])
        let read = try #require(WireError(body: error.body))
        #expect(read == error)
        #expect(read.known == .unknownCollection)
        #expect(WireError(body: Array(#"{"error":{"code":"from_the_future","message":"m"}}"#.utf8))?.known == nil)
        #expect(WireError(body: Array("not json".utf8)) == nil)
    }

    @Test func everyRequestAndAnswerRoundTrips() throws {
        let record = try RecordState(json: JSONParser().parse(Array(#"""
            {"collection":"forum","id":"f1","context":{"dev-a":1},"fields":{"title":[{"dot":["dev-a",1],"time":[5,0],"value":"Vår"}]}}
            """#.utf8)))
        let request = PushRequest(batch: "b-1", records: [record])
        #expect(PushRequest(body: request.body, limits: .init(), collections: ["forum"]) == request)
        #expect(try PushRequest(json: JSONParser().parse(request.body), limits: .init(), collections: ["forum"]) == request)
        let response = PushResponse(batch: "b-1", results: [
            PushResult(collection: "forum", id: "f1", status: .merged),
            PushResult(collection: "forum", id: "f2", status: .refused,
                       reason: RecordRefusal(code: "role_forbidden", message: "m", parameters: ["field": "status"]),
                       state: nil),
        ], serverTime: HybridTimestamp(wallMillis: 9, logical: 1))
        #expect(try PushResponse(body: response.body) == response)
        let page = PullPage(records: [record], cursor: "7", more: true)
        #expect(try PullPage(body: page.body) == page)
        #expect(try EnrollmentRequest(body: EnrollmentRequest(code: "ABCD-EFGH-JKLM").body).code == "ABCD-EFGH-JKLM")
        #expect(throws: WireError.self) { try EnrollmentRequest(body: Array(#"{"code":"x","more":1}"#.utf8)) }
    }

    @Test func aRefusedResultCarryingAnotherRecordsStateIsRefused() throws {
        let other = #"{"collection":"forum","id":"other","context":{},"fields":{}}"#
        let body = #"{"batch":"b","results":[{"collection":"forum","id":"f1","status":"refused","state":\#(other)}]}"#
        #expect(throws: WireDecodingError.self) { try PushResponse(body: Array(body.utf8)) }
    }
}
