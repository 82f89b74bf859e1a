import SyncCore
import SyncProtocol
import Testing
import TestSupport

/// Decoding of answers as a client reads them.
@Suite struct WireDecodingTests {
    /// `PullPage(body:)` as it was before pages were decoded without a tree: the oracle.
    static func treePullPage(_ bytes: [UInt8]) -> Result<PullPage, WireDecodingError> {
        let json: JSONValue
        do { json = try JSONParser().parse(bytes) } catch {
            return .failure(WireDecodingError("the server's answer is not valid JSON (\(error.code.rawValue))"))
        }
        guard let items = json["records"]?.arrayValue, let cursor = json["cursor"]?.stringValue,
              let more = json["more"]?.boolValue else {
            return .failure(WireDecodingError("the pull answer lacks records, cursor or more"))
        }
        var records: [RecordState] = []
        for item in items {
            do { records.append(try RecordState(json: item)) } catch {
                return .failure(WireDecodingError("the server sent an invalid record state (\(error.code.rawValue))"))
            }
        }
        return .success(PullPage(records: records, cursor: cursor, more: more))
    }

    static func pullPage(_ bytes: [UInt8]) -> Result<PullPage, WireDecodingError> {
        do { return .success(try PullPage(body: bytes)) } catch { return .failure(error) }
    }

    static func page(_ records: [RecordState], cursor: String = "17", more: Bool = true) -> [UInt8] {
        var body = Array(#"{"records":["#.utf8)
        for (index, record) in records.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            record.writeCanonicalJSON(into: &body)
        }
        return body + Array(#"],"cursor":"\#(cursor)","more":\#(more)}"#.utf8)
    }

    static let records = (0..<20).map { RecordFixtures.record(id: "h\($0)", fieldCount: 1 + $0 % 10, seed: $0) }

    @Test func keepsOnlyARefusalsStringParametersWithinTheLimits() throws {
        let long = String(repeating: "x", count: RecordRefusal.maximumParameterLength + 1)
        var members = [#""field":"title""#, #""limit":"200""#, #""count":5"#, #""nested":{"a":"b"}"#, #""\#(long)":"v""#,
                       #""value":"\#(long)""#]
        members += (0..<10).map { #""p\#($0)":"v""# }
        let body = #"{"batch":"b1","results":[{"collection":"forum","id":"f1","status":"refused","reason":{"code":"text_too_long","message":"m","parameters":{"# + members.joined(separator: ",") + "}}}]}"
        let result = try #require(try PushResponse(body: Array(body.utf8)).results.first)
        #expect(result.reason?.parameters["field"] == "title")
        #expect(result.reason?.parameters["limit"] == "200")
        #expect(result.reason?.parameters.count == RecordRefusal.maximumParameters)
        #expect(result.reason?.parameters.values.allSatisfy { $0.count <= RecordRefusal.maximumParameterLength } == true)
        #expect(result.reason?.parameters["count"] == nil && result.reason?.parameters["nested"] == nil)
        let none = #"{"batch":"b1","results":[{"collection":"forum","id":"f1","status":"refused","reason":{"code":"c","message":"m","parameters":[1]}}]}"#
        #expect(try PushResponse(body: Array(none.utf8)).results.first?.reason?.parameters == [:])
    }

    @Test func decodesAPageOfRecordsAsTheTreePathDid() throws {
        let body = Self.page(Self.records)
        #expect(Self.pullPage(body) == .success(PullPage(records: Self.records, cursor: "17", more: true)))
        #expect(Self.pullPage(body) == Self.treePullPage(body))
        // Members in another order, whitespace, and a member the client does not know.
        let loose = Array(#" { "more" : false , "next" : 1 , "cursor" : "" , "records" : [ ] } "#.utf8)
        #expect(Self.pullPage(loose) == .success(PullPage(records: [], cursor: "", more: false)))
    }

    @Test(arguments: [
        #"{"records":[],"more":false}"#, #"{"records":[],"cursor":1,"more":false}"#, #"{"records":[],"cursor":"1","more":0}"#,
        #"{"records":{},"cursor":"1","more":false}"#, #"{"records":[],"cursor":"1","more":false} x"#, #"{"records":[1],"cursor":"1","more":false}"#,
        #"{"records":[{"collection":"forum","id":"f1","context":{},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}],"cursor":"1","more":false}"#,
        #"{"records":[{"collection":"forum","id":"f1","context":{},"fields":{},"extra":1}],"cursor":"1","more":false}"#,
        #"{"records":[{"\u0063ollection":"forum","id":"f1","context":{},"fields":{}}],"cursor":"1","more":false}"#,
        #"{"records":[],"records":[],"cursor":"1","more":false}"#, "", "[]",
    ])
    func answersUnusualAndInvalidPagesExactlyAsTheTreePathDid(json: String) {
        #expect(Self.pullPage(Array(json.utf8)) == Self.treePullPage(Array(json.utf8)))
    }

    @Test func answersMutatedPagesAsTheTreePathDid() {
        var rng = SeededGenerator(seed: 77)
        let body = Self.page(Array(Self.records.prefix(3)))
        var decoded = 0
        for index in 0..<1_000 {
            var mutated = body
            let at = Int(rng.next() % UInt64(mutated.count))
            switch rng.next() % 4 {
            case 0: mutated[at] ^= UInt8(1 << (rng.next() % 8))
            case 1: mutated.insert(Array(#"{}[]",:0\ "#.utf8)[Int(rng.next() % 10)], at: at)
            case 2: mutated.remove(at: at)
            default: mutated.removeSubrange(at...)
            }
            let actual = Self.pullPage(mutated), tree = Self.treePullPage(mutated)
            // A record with several bad fields names one of them by Dictionary order, which
            // differs between two runs of the tree path itself: then only the kind must match.
            let same = actual == tree || (actual.failureMessage?.hasPrefix("the server sent an invalid record state") == true
                                          && tree.failureMessage?.hasPrefix("the server sent an invalid record state") == true)
            #expect(same, "mutation \(index): \(actual) vs \(tree)")
            if case .success = actual { decoded += 1 }
        }
        #expect(decoded > 0)
    }
}

private extension Result where Failure == WireDecodingError {
    var failureMessage: String? { if case .failure(let error) = self { error.message } else { nil } }
}
