import ForumModel
import Foundation
import SyncCore
import SyncProtocol
import Testing
import TestSupport
@testable import SyncServer

/// The push body decoded without a tree against the tree path (`JSONParser`, then
/// `PushRequest(json:)`), and `SyncLedger.push` answering exactly as before.
@Suite struct PushRequestBytesTests {
    static let replica = ReplicaID("dev-1a2b3c4d")!
    static let collections = ForumRules.collections

    static func configuration(maxRecords: Int = 500) -> SyncServerConfiguration {
        var configuration = SyncServerConfiguration()
        configuration.maxRecordsPerPush = maxRecords
        return configuration
    }

    /// The tree path's reading of a body: the request, or the error it throws.
    static func tree(_ body: [UInt8], _ configuration: SyncServerConfiguration) -> Result<PushRequest, SyncServerError> {
        let json: JSONValue
        do { json = try JSONParser().parse(body) } catch {
            return .failure(SyncServerError(.invalidJSON, "The body is not valid JSON (\(error.code.rawValue) at byte \(error.offset))."))
        }
        do { return .success(try PushRequest(json: json, limits: configuration.pushLimits, collections: collections)) } catch {
            return .failure(SyncServerError(error))
        }
    }

    /// Whether the direct request, if any, is the tree path's.
    static func agrees(_ body: [UInt8], _ configuration: SyncServerConfiguration) -> Bool {
        guard let direct = PushRequest(body: body, limits: configuration.pushLimits, collections: collections) else { return true }
        guard case .success(let request) = tree(body, configuration) else { return false }
        return direct.batch == request.batch && direct.records == request.records
    }

    static func body(_ records: [RecordState], batch: String = "b-1") -> [UInt8] { ServerFixture.pushBody(records, batch: batch) }

    @Test func decodesAValidBodyAsTheTreePathDoes() throws {
        let records = try Records.meeting(by: Self.replica)
        let body = Self.body(records)
        let direct = try #require(PushRequest(body: body, limits: Self.configuration().pushLimits, collections: Self.collections))
        #expect(direct.batch == "b-1" && direct.records == records)
        #expect(Self.agrees(body, Self.configuration()))
    }

    @Test func leavesEveryRefusalToTheTreePath() throws {
        let records = try Records.meeting(by: Self.replica)
        let record = String(decoding: records[0].canonicalJSON, as: UTF8.self)
        let bodies = [
            #"{"batch":"b-1","records":[\#(record)],"extra":1}"#, #"{"batch":"b 1","records":[\#(record)]}"#,
            #"{"batch":1,"records":[]}"#, #"{"records":[]}"#, #"{"batch":"b-1"}"#, #"{"batch":"b-1","records":{}}"#,
            #"{"batch":"b-1","batch":"b-2","records":[]}"#, #"{"batch":"b-1","records":[\#(record),\#(record),\#(record)]}"#,
            #"{"batch":"b-1","records":[{"collection":"secrets","id":"s1","context":{},"fields":{}}]}"#,
            #"{"batch":"b-1","records":[{"collection":"forum","id":"f1","context":{},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}]}"#,
            #"{"batch":"b-1","records":[}"#, #"{"batch":"b-1","records":[],"x":1.5}"#, "",
        ]
        for body in bodies.map({ Array($0.utf8) }) {
            #expect(PushRequest(body: body, limits: Self.configuration(maxRecords: 2).pushLimits, collections: Self.collections) == nil)
            #expect(throws: SyncServerError.self) { try Self.tree(body, Self.configuration(maxRecords: 2)).get() }
        }
    }

    @Test func agreesWithTheTreePathOnMutatedBodies() throws {
        var rng = SeededGenerator(seed: 2_024)
        let body = Self.body(try Records.meeting(by: Self.replica))
        let configuration = Self.configuration(maxRecords: 3)
        var direct = 0
        for index in 0..<1_500 {
            var mutated = body
            for _ in 0...Int(rng.next() % 2) {
                guard !mutated.isEmpty else { break }
                let at = Int(rng.next() % UInt64(mutated.count))
                switch rng.next() % 5 {
                case 0: mutated[at] ^= UInt8(1 << (rng.next() % 8))
                case 1: mutated.insert(Array(#"{}[]",:0\ a"#.utf8)[Int(rng.next() % 11)], at: at)
                case 2: mutated.remove(at: at)
                case 3: mutated.insert(contentsOf: mutated[at..<min(mutated.count, at + Int(rng.next() % 40))], at: at)
                default: mutated.removeSubrange(at...)
                }
            }
            #expect(Self.agrees(mutated, configuration), "mutation \(index): \(String(decoding: mutated, as: UTF8.self))")
            if PushRequest(body: mutated, limits: configuration.pushLimits, collections: Self.collections) != nil { direct += 1 }
        }
        #expect(direct > 0)
    }

    @Test func pushAnswersInvalidBodiesWithTheTreePathsErrors() throws {
        let fixture = try ServerFixture()
        let device = try fixture.database.deviceRegistry.authenticate(token: try fixture.enrol().token)
        let records = try Records.meeting(by: ReplicaID(device.id)!)
        let record = String(decoding: records[0].canonicalJSON, as: UTF8.self)
        let bodies = [
            #"{"batch":"b-2","records":[\#(record)"#, #"{"batch":"b-2","records":[\#(record)],"extra":1}"#,
            #"{"batch":"b-2","records":[{"collection":"secrets","id":"s1","context":{},"fields":{}}]}"#,
            #"{"batch":"b-2","records":[\#(record),{"collection":"forum","id":"f1","context":{},"fields":{"x":[{"dot":["dev-a",1],"time":[1,0],"value":1}]}}]}"#,
            #"{"batch":"b-2","records":[\#(record)] , "records":[]}"#, #"[]"#, #"{"batch":"","records":[]}"#,
        ]
        for body in bodies.map({ Array($0.utf8) }) {
            let expected = try #require(Self.tree(body, fixture.database.configuration).failure)
            #expect(throws: expected) { _ = try fixture.database.syncLedger.push(body: body, device: device) }
        }
    }

    @Test func repeatedBatchIsReplayedBeforeItsRecordsAreRead() throws {
        let fixture = try ServerFixture()
        let device = try fixture.database.deviceRegistry.authenticate(token: try fixture.enrol().token)
        let body = Self.body(try Records.meeting(by: ReplicaID(device.id)!), batch: "b-3")
        let first = try fixture.database.syncLedger.push(body: body, device: device)
        #expect(!first.replayed && first.results.count == 3)
        let again = try fixture.database.syncLedger.push(body: body, device: device)
        #expect(again.replayed && again.body == first.body)
        // Another body under the same id is told apart before its records are read: not
        // the stored answer (which would drop it silently), and not their validation error.
        let broken = Array(#"{"batch":"b-3","records":[{"collection":"secrets"}]}"#.utf8)
        let reused = Result { () throws(SyncServerError) in try fixture.database.syncLedger.push(body: broken, device: device) }
        #expect(reused.failure?.code == "batch_id_reused" && reused.failure?.status == 409)
    }
}

private extension Result where Failure == SyncServerError {
    var failure: SyncServerError? { if case .failure(let error) = self { error } else { nil } }
}
