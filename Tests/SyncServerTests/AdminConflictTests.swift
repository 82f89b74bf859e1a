import Foundation
import Testing
import ForumModel
import Messages
import SyncCore
@testable import ServerCLI
@testable import SyncServer

@Suite struct AdminConflictTests {
    /// Two Södertälje devices rename an anonymous participant concurrently.
    private func conflictingRename(_ fixture: ServerFixture)
        throws -> (a: (replica: ReplicaID, token: String), b: (replica: ReplicaID, token: String), participant: RecordState) {
        let a = try fixture.enrol(name: "Annas dator")
        let b = try fixture.enrol(name: "Bosses dator")
        let meeting = try Records.meeting(name: "Hemligt-Namn-Ett", anonymous: true, by: a.replica)
        #expect(try fixture.push(meeting, token: a.token).status == 200)
        let base = try #require(try fixture.pullAll(token: b.token).first { $0.id == "p1" })
        let fromA = try Records.make("participant", "p1", ["displayName": "Hemligt-Namn-Två"], by: a.replica, base: meeting[1])
        let fromB = try Records.make("participant", "p1", ["displayName": "Hemligt-Namn-Tre"], by: b.replica, base: base)
        #expect(try fixture.push([fromA], token: a.token).status == 200)
        let result = try fixture.push([fromB], token: b.token).json?["results"]?.arrayValue?.first
        #expect(result?["status"] == "conflict")
        return (a, b, fromA)
    }

    @Test func listsConflictsWithAnonymousParticipantsPseudonymised() throws {
        let fixture = try ServerFixture()
        _ = try conflictingRename(fixture)
        let listings = try fixture.database.conflictDesk.conflicts(language: .sv)
        #expect(listings.map(\.conflictID) == ["participant/p1"])
        #expect(listings.first?.label == "participant: Anonym deltagare 1")
        #expect(listings.first?.fields == ["displayName"])

        let detail = try #require(try fixture.database.conflictDesk.conflict("participant/p1", language: .sv))
        let values = try #require(detail.fields.first?.values)
        #expect(values.count == 2)
        #expect(Set(values.map(\.writerName)) == ["Annas dator", "Bosses dator"])
        #expect(values.allSatisfy { $0.valueID.hasPrefix("dev-") && $0.valueID.contains(":") })
        let shown = AdminText.conflict(detail, Localizer(language: .sv)) + AdminText.conflictJSON(detail)
            + AdminText.conflicts(listings, Localizer(language: .en))
        #expect(!shown.contains("Hemligt"))
        #expect(shown.contains("Anonym deltagare 1"))
        #expect(try fixture.database.deviceRegistry.devices().allSatisfy { $0.pendingConflicts == 1 })
    }

    @Test func resolvingByKeepClearsTheConflictAndDevicesPullTheResolution() throws {
        let fixture = try ServerFixture()
        let (_, b, fromA) = try conflictingRename(fixture)
        let keep = try #require(fromA.fields["displayName"]?.entries.first?.dot.description)
        try fixture.database.conflictDesk.resolve("participant/p1", field: "displayName", .keep(keep))
        #expect(try fixture.database.conflictDesk.conflicts(language: .en).isEmpty)
        let pulled = try #require(try fixture.pullAll(token: b.token).first { $0.id == "p1" })
        #expect(pulled["displayName"] == "Hemligt-Namn-Två")
        #expect(!pulled.hasConflict)
        #expect(pulled.fields["displayName"]?.entries.first?.dot.replica == .server)
    }

    @Test func resolvingByValueWritesTheNewValue() throws {
        let fixture = try ServerFixture()
        let (a, _, _) = try conflictingRename(fixture)
        try fixture.database.conflictDesk.resolve("participant/p1", field: "displayName", .value("Anonym"))
        #expect(try fixture.database.conflictDesk.conflicts(language: .en).isEmpty)
        let pulled = try #require(try fixture.pullAll(token: a.token).first { $0.id == "p1" })
        #expect(pulled["displayName"] == "Anonym")
        #expect(!pulled.hasConflict)
    }

    @Test func resolvingWithAnUnknownValueIDChangesNothing() throws {
        let fixture = try ServerFixture()
        _ = try conflictingRename(fixture)
        #expect(throws: SyncServerError.self) {
            try fixture.database.conflictDesk.resolve("participant/p1", field: "displayName", .keep("dev-00000000:9"))
        }
        #expect(throws: SyncServerError.self) {
            try fixture.database.conflictDesk.resolve("participant/nope", field: "displayName", .value("x"))
        }
        #expect(try fixture.database.conflictDesk.conflicts(language: .en).count == 1)
    }

    @Test func aDeleteVersusUpdateIsSettledByRestoring() throws {
        // ForumModel refuses updates of deleted forums, so the sync machinery alone is tested here.
        let fixture = try ServerFixture(policy: BasicPolicy())
        let a = try fixture.enrol()
        let b = try fixture.enrol()
        let forum = try Records.forum("f1", municipality: "Södertälje", by: a.replica)
        #expect(try fixture.push([forum], token: a.token).status == 200)
        var deleted = forum
        deleted.delete(by: a.replica, at: Records.start.successor)
        let base = try #require(try fixture.pullAll(token: b.token).first)
        let updated = try Records.make("forum", "f1", ["title": "Nytt namn"], by: b.replica, base: base)
        _ = try fixture.push([deleted], token: a.token)
        _ = try fixture.push([updated], token: b.token)
        #expect(try fixture.database.conflictDesk.conflicts(language: .en).first?.fields == ["_deleted"])

        try fixture.database.conflictDesk.resolve("forum/f1", field: "_deleted", .keep("restore"))
        let restored = try #require(try fixture.pullAll(token: a.token).first { $0.id == "f1" })
        #expect(!restored.isDeleted && !restored.hasConflict)
        #expect(restored["title"] == "Nytt namn")
    }
}
