import Foundation
import Testing
import SyncCore
import TestSupport
@testable import SyncServer

@Suite struct SyncServiceRoundTripTests {
    @Test func enrolledDevicesPushAndPullOverRealHTTP() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let b = try fixture.enrol()
        let forum = try Records.forum("f1", municipality: "Södertälje", by: a.replica)
        let response = try fixture.push([forum], token: a.token, batch: "b1")
        #expect(response.status == 200)
        #expect(response.json?["results"]?.arrayValue?.first?["status"] == "merged")
        #expect(response.json?["batch"] == "b1")
        #expect(response.json?["serverTime"]?.arrayValue?.count == 2)

        let pulled = try fixture.pullAll(token: b.token)
        #expect(pulled == [forum])
    }

    @Test func pullPagesThroughEveryRecordInOrder() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let forums = try (0..<7).map { try Records.forum("f\($0)", municipality: "Södertälje", by: a.replica) }
        #expect(try fixture.push(forums, token: a.token).status == 200)
        let pulled = try fixture.pullAll(token: a.token, limit: 3)
        #expect(pulled.map(\.id) == forums.map(\.id))
    }

    @Test func repeatedBatchReplaysTheStoredResponse() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let forum = try Records.forum("f1", municipality: "Södertälje", by: a.replica)
        let first = try fixture.push([forum], token: a.token, batch: "same")
        let second = try fixture.push([forum], token: a.token, batch: "same")
        #expect(first.body == second.body)
        let other = try fixture.push([forum], token: a.token, batch: "other")
        #expect(other.json?["results"]?.arrayValue?.first?["status"] == "unchanged")
    }

    @Test func concurrentWritesFromTwoDevicesShowAsConflict() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let b = try fixture.enrol()
        let forum = try Records.forum("f1", municipality: "Södertälje", by: a.replica)
        _ = try fixture.push([forum], token: a.token)
        let fromA = try Records.make("forum", "f1", ["title": "A"], by: a.replica, base: forum)
        let fromB = try Records.make("forum", "f1", ["title": "B"], by: b.replica, base: forum)
        #expect(try fixture.push([fromA], token: a.token).json?["results"]?.arrayValue?.first?["status"] == "merged")
        #expect(try fixture.push([fromB], token: b.token).json?["results"]?.arrayValue?.first?["status"] == "conflict")
    }
}
