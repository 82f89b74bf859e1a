import TestSupport
import Foundation
import Testing
import ForumModel
import SyncCore
@testable import SyncServer

@Suite struct ScopeTests {
    @Test func aParticipantReachesDevicesOfEveryForumItAttends() throws {
        let fixture = try ServerFixture()
        let norrtälje = try fixture.enrol(municipalities: ["Norrtälje"])
        let södertälje = try fixture.enrol(municipalities: ["Södertälje"])
        let participant = try Records.participant("p1", municipality: "Norrtälje", name: "Alex", by: norrtälje.replica)
        #expect(try fixture.push([participant], token: norrtälje.token).status == 200)
        let forum = try Records.forum("f1", municipality: "Södertälje", by: södertälje.replica)
        #expect(try fixture.push([forum], token: södertälje.token).status == 200)

        let client = try RawHTTPClient(port: fixture.port)
        let auth = ["Authorization": "Bearer \(södertälje.token)"]
        let first = try #require(client.request("GET", "/v1/sync/pull", headers: auth)?.json)
        #expect(first["records"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["f1"])
        let cursor = try #require(first["cursor"]?.stringValue)

        // The attendance links the Norrtälje participant to the Södertälje forum.
        let attendance = try Records.attendance(forum: "f1", participant: "p1", by: södertälje.replica)
        let pushed = try fixture.push([attendance], token: södertälje.token)
        #expect(pushed.json?["results"]?.arrayValue?.first?["status"] == "merged")
        let second = try #require(client.request("GET", "/v1/sync/pull?cursor=\(cursor)", headers: auth)?.json)
        let ids = Set(second["records"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
        #expect(ids == ["p1", attendance.id])
    }

    @Test func aRefusedWriteOutsideTheScopeIsCompensatedAndReachesItsWriter() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol(municipalities: ["Södertälje"])
        let foreign = try Records.forum("fx", municipality: "Norrtälje", by: device.replica)
        let response = try fixture.push([foreign], token: device.token)
        let result = response.json?["results"]?.arrayValue?.first
        #expect(result?["status"] == "refused")
        #expect(result?["reason"]?["code"] == "outside_scope")
        let pulled = try #require(try fixture.pullAll(token: device.token).first { $0.id == "fx" })
        #expect(pulled.isDeleted)
        #expect(pulled.context.dominatesOrEquals(foreign.context))
        // Merging the compensation on the device leaves no trace of the refused data.
        let converged = try foreign.merged(with: pulled)
        #expect(converged.isDeleted)
        #expect(converged.visibleValues.isEmpty)
    }

    @Test func anotherMunicipalitysDeviceReceivesNothingOfIt() throws {
        let fixture = try ServerFixture()
        let södertälje = try fixture.enrol(municipalities: ["Södertälje"])
        let norrtälje = try fixture.enrol(municipalities: ["Norrtälje"])
        #expect(try fixture.push(Records.meeting(by: södertälje.replica), token: södertälje.token).status == 200)
        #expect(try fixture.push(Records.meeting(forum: "fn", participant: "pn", municipality: "Norrtälje", by: norrtälje.replica),
                                 token: norrtälje.token).status == 200)
        let pulled = try fixture.pullAll(token: norrtälje.token)
        #expect(Set(pulled.map(\.id)).isSuperset(of: ["fn", "pn"]))
        #expect(!pulled.contains { $0.id == "f1" || $0.id == "p1" })
        #expect(pulled.allSatisfy { $0["municipality"] == nil || $0["municipality"] == "Norrtälje" })
    }
}
