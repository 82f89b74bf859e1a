import AdminDashboard
import Foundation
import Messages
import Testing
import SyncCore
import TestSupport
@testable import SyncServer

/// The dashboard's data source over a real server database (in process, no sockets).
@Suite struct ServerDashboardSourceTests {
    /// A database with `count` forum-title conflicts, alternating Södertälje and Nykvarn.
    static func database(conflicts count: Int, clock: ManualClock) throws -> (TemporaryDirectory, ServerStore) {
        let directory = try TemporaryDirectory(prefix: "dashboard-source")
        let database = try ServerStore(directory: directory.url.path, policy: ForumPolicy(), clock: WallClock { clock.now })
        let places = ["Södertälje", "Nykvarn"]
        let anna = try database.deviceRegistry.enroll(code: try database.deviceRegistry.addDevice(name: "A", role: "coordinator", municipalities: places).code).device
        let bo = try database.deviceRegistry.enroll(code: try database.deviceRegistry.addDevice(name: "B", role: "coordinator", municipalities: places).code).device
        let a = try #require(ReplicaID(anna.id)), b = try #require(ReplicaID(bo.id))
        for index in 0..<count {
            let forum = try Records.forum("f\(index)", municipality: places[index % 2], by: a)
            _ = try database.syncLedger.push(body: ServerFixture.pushBody([forum], batch: "s\(index)"), device: anna)
            let later = HybridTimestamp(wallMillis: Records.start.wallMillis + 1000)
            let left = try Records.make("forum", "f\(index)", ["title": "A"], by: a, base: forum, at: later)
            let right = try Records.make("forum", "f\(index)", ["title": "B"], by: b, base: forum, at: later)
            _ = try database.syncLedger.push(body: ServerFixture.pushBody([left], batch: "a\(index)"), device: anna)
            _ = try database.syncLedger.push(body: ServerFixture.pushBody([right], batch: "b\(index)"), device: bo)
            clock.advance(by: 1000)
        }
        return (directory, database)
    }

    @Test func pagesConflictsAndFiltersByMunicipalityTag() throws {
        let clock = ManualClock(1_764_000_000_000)
        let (directory, database) = try Self.database(conflicts: 7, clock: clock)
        _ = directory
        let source = ServerDashboardSource(database: database)
        let first = try source.conflicts(ConflictQuery(limit: 3, offset: 0), language: .sv)
        #expect(first.rows.map(\.conflictID) == ["forum/f0", "forum/f1", "forum/f2"] && first.hasMore)
        let last = try source.conflicts(ConflictQuery(limit: 3, offset: 6), language: .sv)
        #expect(last.rows.map(\.conflictID) == ["forum/f6"] && !last.hasMore)
        let nykvarn = try source.conflicts(ConflictQuery(municipality: "Nykvarn", limit: 10), language: .sv)
        #expect(nykvarn.rows.map(\.conflictID) == ["forum/f1", "forum/f3", "forum/f5"])
        #expect(nykvarn.rows.allSatisfy { $0.municipality == "Nykvarn" && $0.fields == ["title"] })
        let old = try source.conflicts(ConflictQuery(olderThanMillis: 1_764_000_002_500, limit: 10), language: .sv)
        #expect(old.rows.map(\.conflictID) == ["forum/f0", "forum/f1", "forum/f2"])
        #expect(try source.conflicts(ConflictQuery(collection: "participant", limit: 10), language: .sv).rows.isEmpty)
        #expect(try source.conflictFilterOptions().municipalities == ["Nykvarn", "Södertälje"])
    }

    @Test func overviewActivityAndResolutionComeFromTheDatabase() throws {
        let clock = ManualClock(1_764_000_000_000)
        let (directory, database) = try Self.database(conflicts: 2, clock: clock)
        _ = directory
        let source = ServerDashboardSource(database: database)
        let overview = try source.overview(staleBeforeMillis: clock.now + 1)
        #expect(overview.openConflicts == 2 && overview.oldestConflictMillis == 1_764_000_000_000)
        #expect(overview.activeDevices == 2 && overview.staleDevices.count == 2)
        let today = StockholmTime.format(Date(timeIntervalSince1970: Double(clock.now) / 1000), style: .date, language: .sv)
        #expect(try source.activity(days: [today]) == [ActivityDay(day: today, pushes: 6, pulls: 0, conflicts: 2)])

        let detail = try #require(try source.conflict("forum/f0", language: .sv))
        #expect(detail.fields.map(\.field) == ["title"])
        #expect(Set(detail.fields[0].values.compactMap(\.value)) == [#""A""#, #""B""#])
        #expect(Set(detail.fields[0].values.compactMap(\.writerName)) == ["A", "B"])
        let keep = try #require(detail.fields[0].values.first { $0.writerName == "B" }?.valueID)
        try source.resolve("forum/f0", field: "title", .keep(valueID: keep))
        try source.resolve("forum/f1", field: "title", .newValue(text: "Nytt"))
        #expect(throws: DashboardError.self) { try source.resolve("forum/f1", field: "title", .keep(valueID: "dev-00000000:1")) }
        #expect(try source.overview(staleBeforeMillis: 0).openConflicts == 0)
        #expect(try database.store.state(collection: "forum", id: "f1")?["title"] == "Nytt")
        #expect(try source.conflict("forum/none", language: .sv) == nil)
    }

    @Test func loginLinksWorkOnceAndExpire() throws {
        let clock = ManualClock(1_764_000_000_000)
        let directory = try TemporaryDirectory(prefix: "dashboard-login")
        var configuration = SyncServerConfiguration()
        configuration.dashboard = DashboardConfiguration(publicURL: "https://forum.example.se/")
        let database = try ServerStore(directory: directory.url.path, policy: ForumPolicy(), configuration: configuration,
                                          clock: WallClock { clock.now })
        let link = try database.deviceRegistry.createLoginLink()
        #expect(link.url.hasPrefix("https://forum.example.se/admin/login?token="))
        let stored = try database.store.connection.query("SELECT token_hash FROM admin_login") { try $0.text(at: 0) }
        #expect(stored == [link.tokenHash])
        #expect(!link.url.contains(link.tokenHash))
        #expect(try database.deviceRegistry.consumeLoginToken(hash: link.tokenHash, nowMillis: clock.now) == .valid)
        #expect(try database.deviceRegistry.consumeLoginToken(hash: link.tokenHash, nowMillis: clock.now) == .used)
        let late = try database.deviceRegistry.createLoginLink()
        #expect(try database.deviceRegistry.consumeLoginToken(hash: late.tokenHash, nowMillis: clock.now + 600_001) == .expired)
        #expect(try database.deviceRegistry.consumeLoginToken(hash: String(repeating: "0", count: 64), nowMillis: clock.now) == .unknown)
    }
}
