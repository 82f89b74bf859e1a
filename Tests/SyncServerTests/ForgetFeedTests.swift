import Foundation
import ForumModel
import SyncCore
import SyncProtocol
import Testing
import TestSupport
@testable import SyncServer

/// A record that leaves a device's scope reaches the device as a forget entry in its pull
/// feed (PROTOCOL.md §14b, issue 17), through real HTTP: no state of the record, and only
/// for devices that can no longer read it.
@Suite struct ForgetFeedTests {
    func page(_ fixture: ServerFixture, token: String, from cursor: String) throws -> PullPage {
        let response = try requireValue(RawHTTPClient(port: fixture.port).request(
            "GET", "/v1/sync/pull?cursor=\(cursor)&limit=500", headers: ["Authorization": "Bearer \(token)"]))
        #expect(response.status == 200)
        return try PullPage(body: response.body)
    }

    @Test func aForumMovedToAnotherMunicipalityIsForgottenByTheDevicesThatLostItAndOnlyByThem() throws {
        let fixture = try ServerFixture()
        let södertälje = try fixture.enrol(municipalities: ["Södertälje"])
        let coordinator = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje", "Nykvarn"])
        let forum = try Records.forum("f1", municipality: "Södertälje", by: coordinator.replica, title: "Hemlig titel")
        #expect(try fixture.push([forum], token: coordinator.token).status == 200)
        let first = try page(fixture, token: södertälje.token, from: "")
        #expect(first.records.map(\.id) == ["f1"] && first.forget.isEmpty)
        let both = try page(fixture, token: coordinator.token, from: "")

        let moved = try Records.edit(forum, ["municipality": "Nykvarn"], by: coordinator.replica)
        #expect(try fixture.push([moved], token: coordinator.token).json?["results"]?.arrayValue?.first?["status"] == "merged")
        let after = try page(fixture, token: södertälje.token, from: first.cursor)
        #expect(after.records.isEmpty)
        #expect(after.forget == [ForgottenRecord(collection: "forum", id: "f1")])
        // Nothing of the record in the answer, and a device that still reads it gets its state.
        #expect(try page(fixture, token: coordinator.token, from: both.cursor).records.map(\.id) == ["f1"])
        let nykvarn = try fixture.enrol(municipalities: ["Nykvarn"])
        let fresh = try page(fixture, token: nykvarn.token, from: "")
        #expect(fresh.records.map(\.id) == ["f1"] && fresh.forget.isEmpty)
        // A device that never held it and starts now is told nothing of it.
        let late = try fixture.enrol(municipalities: ["Södertälje"])
        #expect(try page(fixture, token: late.token, from: "").forget == [ForgottenRecord(collection: "forum", id: "f1")])

        // Back in scope: the state again, no forget.
        let back = try Records.make("forum", "f1", ["municipality": "Södertälje"], by: coordinator.replica, base: moved,
                                    at: HybridTimestamp(wallMillis: Records.start.wallMillis + 5000))
        #expect(try fixture.push([back], token: coordinator.token).status == 200)
        let again = try page(fixture, token: södertälje.token, from: after.cursor)
        #expect(again.records.map(\.id) == ["f1"] && again.forget.isEmpty)
    }
}
