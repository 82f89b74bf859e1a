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

    @Test func aRefusedWriteOutsideTheScopeStoresNothingAndAnswersWithNothingOfTheRecord() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol(municipalities: ["Södertälje"])
        let foreign = try Records.forum("fx", municipality: "Norrtälje", by: device.replica)
        let response = try fixture.push([foreign], token: device.token)
        let result = response.json?["results"]?.arrayValue?.first
        #expect(result?["status"] == "refused")
        #expect(result?["reason"]?["code"] == "outside_scope")
        #expect(result?["state"] == nil)
        #expect(try fixture.database.store.state(collection: "forum", id: "fx") == nil)
        #expect(try fixture.pullAll(token: device.token).allSatisfy { $0.id != "fx" })
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

    @Test func aForumMovedToAnotherMunicipalityTakesItsAttendanceHonorariaAndParticipantsAlong() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje", "Norrtälje"])
        let norrtälje = try fixture.enrol(municipalities: ["Norrtälje"])
        var records = try Records.meeting(by: coordinator.replica)
        records.append(try Records.honorarium(attendance: records[2].id, municipality: "Södertälje", by: coordinator.replica))
        #expect(try fixture.push(records, token: coordinator.token).status == 200)
        #expect(try fixture.pullAll(token: norrtälje.token).isEmpty)

        let moved = try Records.edit(records[0], ["municipality": "Norrtälje"], by: coordinator.replica)
        let result = try fixture.push([moved], token: coordinator.token).json?["results"]?.arrayValue?.first
        #expect(result?["status"] == "merged")
        let pulled = Set(try fixture.pullAll(token: norrtälje.token).map(\.id))
        #expect(pulled == Set(records.map(\.id)))
    }

    @Test func aForumEditThatKeepsItsMunicipalityReadsNoneOfItsAttendance() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let attendanceCount = 12
        var records = [try Records.forum("f1", municipality: "Södertälje", by: device.replica)]
        for k in 0..<attendanceCount {
            records.append(try Records.participant("p\(k)", municipality: "Södertälje", name: "Deltagare \(k)", by: device.replica))
            records.append(try Records.attendance(forum: "f1", participant: "p\(k)", by: device.replica))
        }
        #expect(try fixture.push(records, token: device.token).status == 200)

        let edit = try fixture.pushCounting(try Records.edit(records[0], ["minutes": "Protokoll justerat"], by: device.replica),
                                            token: device.token)
        #expect(edit.status == "merged")
        #expect(edit.statesRead < attendanceCount)
    }

    @Test func anAttendanceMovedToAForumElsewhereBringsItsParticipantThere() throws {
        let fixture = try ServerFixture(policy: BasicPolicy())
        let device = try fixture.enrol(municipalities: ["Södertälje", "Norrtälje"])
        let norrtälje = try fixture.enrol(municipalities: ["Norrtälje"])
        var records = try Records.meeting(by: device.replica)
        records.append(try Records.forum("f2", municipality: "Norrtälje", by: device.replica))
        #expect(try fixture.push(records, token: device.token).status == 200)
        #expect(try fixture.pullAll(token: norrtälje.token).map(\.id) == ["f2"])

        let moved = try Records.edit(records[2], ["forumId": "f2"], by: device.replica)
        #expect(try fixture.push([moved], token: device.token).status == 200)
        #expect(Set(try fixture.pullAll(token: norrtälje.token).map(\.id)) == ["f2", "p1", records[2].id])
    }

    @Test func anAttendanceEditThatKeepsItsParticipantAndForumReadsNoneOfTheParticipantsOtherAttendance() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let forumCount = 12
        var records = [try Records.participant("p1", municipality: "Södertälje", name: "Kim Andersson", by: device.replica)]
        for k in 0..<forumCount {
            records.append(try Records.forum("f\(k)", municipality: "Södertälje", by: device.replica))
            records.append(try Records.attendance(forum: "f\(k)", participant: "p1", by: device.replica))
        }
        #expect(try fixture.push(records, token: device.token).status == 200)

        let edit = try fixture.pushCounting(try Records.edit(records[2], ["present": false], by: device.replica), token: device.token)
        #expect(edit.status == "merged")
        #expect(edit.statesRead < forumCount)
    }

    @Test func aParticipantsRenameReadsNoneOfItsAttendanceAndKeepsItsReach() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje", "Norrtälje"])
        let norrtälje = try fixture.enrol(municipalities: ["Norrtälje"])
        let forumCount = 12
        var records = [try Records.participant("p1", municipality: "Södertälje", name: "Kim Andersson", by: coordinator.replica)]
        for k in 0..<forumCount {
            records.append(try Records.forum("f\(k)", municipality: k == 0 ? "Norrtälje" : "Södertälje", by: coordinator.replica))
            records.append(try Records.attendance(forum: "f\(k)", participant: "p1", by: coordinator.replica))
        }
        #expect(try fixture.push(records, token: coordinator.token).status == 200)

        let rename = try fixture.pushCounting(try Records.edit(records[0], ["displayName": "Kim A."], by: coordinator.replica),
                                              token: coordinator.token)
        #expect(rename.status == "merged")
        #expect(rename.statesRead < forumCount)
        // Still filed under both municipalities: Norrtälje's device receives the new name.
        let pulled = try #require(try fixture.pullAll(token: norrtälje.token).first { $0.id == "p1" })
        #expect(pulled["displayName"] == "Kim A.")
    }

    @Test func aParticipantMovedToAnotherMunicipalityIsRetaggedFromItsAttendance() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje", "Norrtälje", "Nykvarn"])
        let nykvarn = try fixture.enrol(municipalities: ["Nykvarn"])
        let södertälje = try fixture.enrol(municipalities: ["Södertälje"])
        let records = try Records.meeting(by: coordinator.replica)
        #expect(try fixture.push(records, token: coordinator.token).status == 200)

        let moved = try Records.edit(records[1], ["municipality": "Nykvarn"], by: coordinator.replica)
        #expect(try fixture.push([moved], token: coordinator.token).json?["results"]?.arrayValue?.first?["status"] == "merged")
        #expect(try fixture.pullAll(token: nykvarn.token).map(\.id) == ["p1"])
        // Its attendance at the Södertälje forum keeps it there too.
        #expect(try fixture.pullAll(token: södertälje.token).contains { $0.id == "p1" && $0["municipality"] == "Nykvarn" })
    }

    @Test func aNewAttendanceWhereItsParticipantIsAlreadyFiledReadsNoneOfTheParticipantsOtherAttendance() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let forumCount = 12
        var records = [try Records.participant("p1", municipality: "Södertälje", name: "Kim Andersson", by: device.replica)]
        for k in 0...forumCount {
            records.append(try Records.forum("f\(k)", municipality: "Södertälje", by: device.replica))
            if k < forumCount { records.append(try Records.attendance(forum: "f\(k)", participant: "p1", by: device.replica)) }
        }
        #expect(try fixture.push(records, token: device.token).status == 200)

        let joining = try fixture.pushCounting(try Records.attendance(forum: "f\(forumCount)", participant: "p1", by: device.replica),
                                               token: device.token)
        #expect(joining.status == "merged")
        #expect(joining.statesRead < forumCount)
    }

    @Test func aForumMovedAwayTakesItsVisitorsOutOfTheMunicipalityItLeft() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje", "Norrtälje"])
        let södertälje = try fixture.enrol(municipalities: ["Södertälje"])
        let forum = try Records.forum("f1", municipality: "Södertälje", by: coordinator.replica)
        let visitor = try Records.participant("p1", municipality: "Norrtälje", name: "Alex", by: coordinator.replica)
        let attendance = try Records.attendance(forum: "f1", participant: "p1", by: coordinator.replica)
        #expect(try fixture.push([forum, visitor, attendance], token: coordinator.token).status == 200)
        #expect(try fixture.pullAll(token: södertälje.token).contains { $0.id == "p1" })

        let moved = try Records.edit(forum, ["municipality": "Norrtälje"], by: coordinator.replica)
        #expect(try fixture.push([moved], token: coordinator.token).status == 200)
        let renamed = try Records.edit(visitor, ["displayName": "Alex B."], by: coordinator.replica)
        #expect(try fixture.push([renamed], token: coordinator.token).status == 200)
        // Neither the new name nor the visitor itself reaches Södertälje any more.
        #expect(try fixture.pullAll(token: södertälje.token).allSatisfy { $0.id != "p1" })
    }

    @Test func aWriteToARecordThatLeftTheScopeIsRefusedAndRevealsNothingOfItsLaterChanges() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje", "Norrtälje"])
        let facilitator = try fixture.enrol(municipalities: ["Södertälje"])
        let forum = try Records.forum("f1", municipality: "Södertälje", by: coordinator.replica)
        let visitor = try Records.participant("p1", municipality: "Norrtälje", name: "Alex", by: coordinator.replica)
        let attendance = try Records.attendance(forum: "f1", participant: "p1", by: coordinator.replica)
        #expect(try fixture.push([forum, visitor, attendance], token: coordinator.token).status == 200)
        var (pulled, cursor) = try fixture.pull(token: facilitator.token, from: "")
        #expect(pulled.contains { $0.id == "p1" })

        // The visitor leaves Södertälje's forum; the facilitator, not yet synced, renames them.
        var left = attendance
        _ = left.delete(by: coordinator.replica, at: HybridTimestamp(wallMillis: Records.start.wallMillis + 1000))
        let leftResult = try fixture.push([left], token: coordinator.token)
        #expect(leftResult.json?["results"]?.arrayValue?.first?["status"] == "merged", "\(String(decoding: leftResult.body, as: UTF8.self))")
        #expect(try fixture.database.store.tags(collection: "participant", id: "p1") == ["m:Norrtälje"])
        let renamed = try Records.make("participant", "p1", ["displayName": "Alex C."], by: coordinator.replica, base: visitor,
                                       at: HybridTimestamp(wallMillis: Records.start.wallMillis + 5000))
        #expect(try fixture.push([renamed], token: coordinator.token).status == 200)
        let stale = try Records.edit(visitor, ["displayName": "Alex B."], by: facilitator.replica)
        let response = try fixture.push([stale], token: facilitator.token)
        let refused = response.json?["results"]?.arrayValue?.first
        #expect(refused?["status"] == "refused")
        #expect(refused?["state"] == nil)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("Alex C."))
        (pulled, cursor) = try fixture.pull(token: facilitator.token, from: cursor)
        #expect(!pulled.contains { $0.id == "p1" })
    }
}
