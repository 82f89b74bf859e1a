import Foundation
import ForumModel
import HTTPServer
import SyncCore
import TestSupport
@testable import SyncServer

/// The real server, in process: `SyncService.handle` answers the same HTTP requests a
/// socket would carry, over a `ServerStore` with the forum policy. No sockets, so the
/// simulation stays fast and deterministic apart from the server's random ids and tokens.
final class SyncServerCountyServer: CountyLifecycleServer {
    private(set) var database: ServerStore
    private var service: SyncService
    private var enrolled = 0

    private var path: String?

    /// The server of the plain runs: the system's clock, which is long past the simulated
    /// days, so no retention and no tombstone horizon (the data-lifecycle run has both).
    convenience init(path: String) throws {
        var configuration = SyncServerConfiguration()
        configuration.laptopRetentionDays = nil
        configuration.tombstoneHorizonDays = nil
        try self.init(database: ServerStore(path: path, policy: ForumPolicy(), configuration: configuration))
        self.path = path
    }

    /// A server whose wall clock is the simulation's, with its configuration changed by
    /// `configure` (horizons for the data-lifecycle runs).
    convenience init(path: String, clock: ManualClock, configure: (inout SyncServerConfiguration) -> Void) throws {
        var configuration = SyncServerConfiguration()
        configure(&configuration)
        try self.init(database: ServerStore(path: path, policy: ForumPolicy(), configuration: configuration,
                                               clock: WallClock { clock.now }))
        self.path = path
    }

    /// Wraps an open database (which a socket server may be serving at the same time).
    init(database: ServerStore) {
        self.database = database
        service = SyncService(database: database)
    }

    /// Serves another database from now on (the one a restore put in place).
    func replace(database: ServerStore) {
        self.database = database
        service = SyncService(database: database)
    }

    func enroll(role: Role, municipalities: [String]) throws -> (replica: ReplicaID, token: String) {
        enrolled += 1
        let device = try database.deviceRegistry.addDevice(name: "county device \(enrolled)", role: role.rawValue, municipalities: municipalities)
        let enrolment = try database.deviceRegistry.enroll(code: device.code)
        guard let replica = ReplicaID(enrolment.device.id) else { throw CountyFailure("server gave an invalid replica id") }
        return (replica, enrolment.token)
    }

    func revoke(replica: ReplicaID) throws { try database.deviceRegistry.revokeDevice(id: replica.rawValue) }

    func push(token: String, body: [UInt8]) throws -> (status: Int, body: [UInt8]) {
        let response = service.handle(HTTPRequest(method: .post, target: "/v1/sync/push",
                                                  headers: ["Host": "county", "Authorization": "Bearer \(token)",
                                                            "Content-Type": "application/json"], body: body))
        return (response.status.code, response.body)
    }

    func pull(token: String, cursor: String?, limit: Int) throws -> (status: Int, body: [UInt8]) {
        var query = ["limit": String(limit)]
        if let cursor { query["cursor"] = cursor }
        let target = "/v1/sync/pull?" + query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let response = service.handle(HTTPRequest(method: .get, target: target, query: query,
                                                  headers: ["Host": "county", "Authorization": "Bearer \(token)"]))
        return (response.status.code, response.body)
    }

    func state(collection: String, id: String) throws -> RecordState? {
        try database.store.state(collection: collection, id: id)
    }

    func allCanonicalJSON() throws -> Set<[UInt8]> { Set(try database.store.rawChanges(since: 0, limit: 1_000_000).rows.map(\.json)) }

    func allStates() throws -> [RecordState] {
        try ForumRules.collections.sorted().flatMap { try database.store.records(in: $0, includeDeleted: true, limit: 1_000_000) }
    }

    func purgeTombstones() throws -> Int { try database.syncLedger.purgeTombstones().purged }

    func storageBytes() -> Int {
        guard let path else { return 0 }
        return ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }
    }
}
