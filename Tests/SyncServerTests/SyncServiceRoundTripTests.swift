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

    @Test func aReusedBatchIDWithADifferentBodyIsRefusedAndStoresNothing() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let first = try Records.forum("f1", municipality: "Södertälje", by: a.replica)
        let second = try Records.forum("f2", municipality: "Södertälje", by: a.replica)
        #expect(try fixture.push([first], token: a.token, batch: "same").status == 200)

        let reused = try fixture.push([second], token: a.token, batch: "same")
        #expect(reused.status == 409)
        #expect(reused.errorCode == "batch_id_reused")
        #expect(try fixture.pullAll(token: a.token).map(\.id) == ["f1"], "nothing of the refused body is stored")
        // The identical resend still replays the stored answer, and a new id stores the new body.
        #expect(try fixture.push([first], token: a.token, batch: "same").json?["results"]?.arrayValue?.first?["status"] == "merged")
        #expect(try fixture.push([second], token: a.token, batch: "new").json?["results"]?.arrayValue?.first?["status"] == "merged")
    }

    @Test func aBatchIDIsRememberedPerDevice() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let b = try fixture.enrol()
        #expect(try fixture.push([try Records.forum("f1", municipality: "Södertälje", by: a.replica)], token: a.token,
                                 batch: "same").status == 200)
        let fromB = try fixture.push([try Records.forum("f2", municipality: "Södertälje", by: b.replica)], token: b.token,
                                     batch: "same")
        #expect(fromB.json?["results"]?.arrayValue?.first?["status"] == "merged")
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

    @Test func aRefusalCarriesTheParametersItsMessageNamesAndNoRecordValues() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let title = "Brukarråd för " + String(repeating: "Anna Svensson ", count: 20)
        let forum = try Records.forum("f1", municipality: "Södertälje", by: device.replica, title: title)
        let result = try fixture.push([forum], token: device.token).json?["results"]?.arrayValue?.first
        #expect(result?["status"] == "refused")
        #expect(result?["reason"]?["code"] == "text_too_long")
        #expect(result?["reason"]?["parameters"] == .object(["field": "title", "limit": "200"]))
        let reason = JSONWriter.string(result?["reason"] ?? .null)
        #expect(!reason.contains("Anna"))
    }
}
