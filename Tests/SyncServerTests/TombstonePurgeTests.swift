import Foundation
import ForumModel
import SyncCore
import SyncProtocol
import Testing
import TestSupport
@testable import SyncServer

/// Bounded tombstones (PROTOCOL.md §14d, issue 17), through real HTTP: the server purges a
/// tombstone once it is older than the horizon and every active device has pulled past
/// it; a device whose last pull is behind a purged tombstone is told `resync_required` on
/// pull and on push until it has pulled from the beginning.
@Suite struct TombstonePurgeTests {
    static let day: Int64 = 86_400_000

    func deleted(_ state: RecordState, by replica: ReplicaID) -> RecordState {
        var state = state
        state.delete(by: replica, at: HybridTimestamp(wallMillis: Records.start.wallMillis + 2000))
        return state
    }

    func status(_ response: RawHTTPResponse) -> (Int, String?) {
        (response.status, response.errorCode)
    }

    func pullResponse(_ fixture: ServerFixture, token: String, from cursor: String) throws -> RawHTTPResponse {
        try requireValue(RawHTTPClient(port: fixture.port).request(
            "GET", "/v1/sync/pull?cursor=\(cursor)&limit=500", headers: ["Authorization": "Bearer \(token)"]))
    }

    @Test func aTombstoneGoesOnlyPastItsHorizonAndOnceEveryActiveDeviceHasPulledPastIt() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol(), b = try fixture.enrol(), idle = try fixture.enrol()
        let person = try Records.participant("p1", municipality: "Södertälje", name: "Test Markör", by: a.replica)
        #expect(try fixture.push([person], token: a.token).status == 200)
        let (_, idleCursor) = try fixture.pull(token: idle.token, from: "")
        let (_, bCursor) = try fixture.pull(token: b.token, from: "")
        #expect(try fixture.push([deleted(person, by: a.replica)], token: a.token).status == 200)
        _ = try fixture.pull(token: a.token, from: "")

        // Younger than the horizon (90 days): kept.
        #expect(try fixture.database.syncLedger.purgeTombstones() == .init(purged: 0, waiting: 0, watermark: 0))
        #expect(try fixture.database.store.state(collection: "participant", id: "p1")?.isDeleted == true)

        // Past the horizon, but b (active: it pushes) has not pulled past the delete: kept.
        fixture.clock.now += 91 * Self.day
        let other = try Records.participant("p2", municipality: "Södertälje", name: "Annan", by: b.replica)
        #expect(try fixture.push([other], token: b.token).status == 200)
        _ = try fixture.pull(token: a.token, from: "")
        #expect(try fixture.database.syncLedger.purgeTombstones() == .init(purged: 0, waiting: 1, watermark: 0))

        // b pulls past it: gone, with its shadow; the idle device (not heard from for 91
        // days) was not waited for.
        _ = try fixture.pull(token: b.token, from: bCursor)
        let report = try fixture.database.syncLedger.purgeTombstones()
        #expect(report.purged == 1 && report.waiting == 0 && report.watermark > 0)
        #expect(try fixture.database.store.state(collection: "participant", id: "p1") == nil)
        #expect(try fixture.database.ledger.shadow(collection: "participant", id: "p1") == nil)

        // The idle device is behind the purge: its cursor and its push are refused 410
        // resync_required, nothing is stored; from the beginning it pulls without p1, then pushes.
        #expect(status(try pullResponse(fixture, token: idle.token, from: idleCursor)) == (410, "resync_required"))
        let stale = try Records.edit(person, ["displayName": "Gammal kopia"], by: idle.replica)
        #expect(status(try fixture.push([stale], token: idle.token)) == (410, "resync_required"))
        #expect(try fixture.database.store.state(collection: "participant", id: "p1") == nil)
        let fresh = try fixture.pullAll(token: idle.token)
        #expect(fresh.map(\.id) == ["p2"])
        let own = try Records.participant("p3", municipality: "Södertälje", name: "Ny", by: idle.replica)
        #expect(try fixture.push([own], token: idle.token).json?["results"]?.arrayValue?.first?["status"]?.stringValue == "merged")
    }

    @Test func aDeleteInConflictWithAnUpdateIsNotPurged() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol(), b = try fixture.enrol()
        let person = try Records.participant("p1", municipality: "Södertälje", name: "Kvar", by: a.replica)
        #expect(try fixture.push([person], token: a.token).status == 200)
        let copy = try #require(try fixture.pullAll(token: b.token).first)
        #expect(try fixture.push([deleted(person, by: a.replica)], token: a.token).status == 200)
        #expect(try fixture.push([Records.edit(copy, ["association": "RSMH"], by: b.replica)], token: b.token).status == 200)
        _ = try fixture.pullAll(token: a.token)
        _ = try fixture.pullAll(token: b.token)
        fixture.clock.now += 365 * Self.day
        #expect(try fixture.database.syncLedger.purgeTombstones(horizonDays: 0).purged == 0)
        #expect(try fixture.database.store.state(collection: "participant", id: "p1")?.hasConflict == true)
    }

    /// The gate's purge (the only code removing a record from the server's store) takes
    /// nothing but a clean tombstone, whatever its caller asks.
    @Test func theGateRemovesNothingButACleanTombstone() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let person = try Records.participant("p1", municipality: "Södertälje", name: "Levande", by: a.replica)
        #expect(try fixture.push([person], token: a.token).status == 200)
        let database = fixture.database
        #expect(try database.lock.withLock { try database.purgeTombstone(collection: "participant", id: "p1") } == false)
        #expect(try database.store.state(collection: "participant", id: "p1") == person)
        #expect(try fixture.push([deleted(person, by: a.replica)], token: a.token).status == 200)
        #expect(try database.lock.withLock { try database.purgeTombstone(collection: "participant", id: "p1") } == true)
        #expect(try database.store.state(collection: "participant", id: "p1") == nil)
    }

    @Test func theLastPageOfAQuietScopeCarriesTheCursorPastEveryChange() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let quiet = try fixture.enrol(municipalities: ["Nykvarn"])
        for index in 0..<3 {
            let person = try Records.participant("p\(index)", municipality: "Södertälje", name: "P", by: a.replica)
            #expect(try fixture.push([person], token: a.token).status == 200)
        }
        let (records, cursor) = try fixture.pull(token: quiet.token, from: "")
        #expect(records.isEmpty)
        #expect(cursor == String(try fixture.database.store.lastSequence()))
        let page = try PullPage(body: try pullResponse(fixture, token: quiet.token, from: cursor).body)
        #expect(page.tombstoneDays == 90 && !page.more)
    }

    @Test func noHorizonKeepsTombstonesForEverAndSaysNothingToDevices() throws {
        let fixture = try ServerFixture { $0.tombstoneHorizonDays = nil }
        let a = try fixture.enrol()
        let person = try Records.participant("p1", municipality: "Södertälje", name: "P", by: a.replica)
        #expect(try fixture.push([person], token: a.token).status == 200)
        #expect(try fixture.push([deleted(person, by: a.replica)], token: a.token).status == 200)
        _ = try fixture.pullAll(token: a.token)
        fixture.clock.now += 3650 * Self.day
        #expect(try fixture.database.syncLedger.purgeTombstones().purged == 0)
        let page = try PullPage(body: try pullResponse(fixture, token: a.token, from: "").body)
        #expect(page.tombstoneDays == nil && page.records.count == 1)
    }
}

extension TombstonePurgeTests {
    /// A device enrolled after a purge holds nothing stale: its first push goes through
    /// without a resync.
    @Test func aDeviceEnrolledAfterAPurgePushesStraightAway() throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let person = try Records.participant("p1", municipality: "Södertälje", name: "P", by: a.replica)
        #expect(try fixture.push([person], token: a.token).status == 200)
        #expect(try fixture.push([deleted(person, by: a.replica)], token: a.token).status == 200)
        _ = try fixture.pullAll(token: a.token)
        fixture.clock.now += 1000
        #expect(try fixture.database.syncLedger.purgeTombstones(horizonDays: 0).purged == 1)
        let late = try fixture.enrol()
        let own = try Records.participant("p2", municipality: "Södertälje", name: "Ny", by: late.replica)
        #expect(try fixture.push([own], token: late.token).status == 200)
    }
}
