import ForumModel
import SyncCore

/// The server as the county simulation sees it: the protocol's push and pull bodies
/// (Protocol/PROTOCOL.md §13–14) plus the administrator's enrol and revoke, and a view of
/// the stored states for the invariant checks. Bodies are bytes so the real server and the
/// stand-in are driven exactly the same way.
protocol CountyServer: AnyObject {
    /// Enrols a device; returns its replica id and bearer token.
    func enroll(role: Role, municipalities: [String]) throws -> (replica: ReplicaID, token: String)
    /// Revokes a device: its token stops working.
    func revoke(replica: ReplicaID) throws
    /// `POST /v1/sync/push`: HTTP status and response body.
    func push(token: String, body: [UInt8]) throws -> (status: Int, body: [UInt8])
    /// `GET /v1/sync/pull`: HTTP status and response body.
    func pull(token: String, cursor: String?, limit: Int) throws -> (status: Int, body: [UInt8])
    /// The stored state of one record, `nil` when unknown.
    func state(collection: String, id: String) throws -> RecordState?
    /// Every stored state.
    func allStates() throws -> [RecordState]
    /// The canonical JSON of every stored state, undecoded (cheap to compare).
    func allCanonicalJSON() throws -> Set<[UInt8]>
}

/// What a server may also do for the data-lifecycle runs (issue 17); a server that does
/// not purge keeps the defaults.
protocol CountyLifecycleServer: CountyServer {
    /// Purges tombstones past the server's horizon (PROTOCOL.md §14d); returns how many.
    func purgeTombstones() throws -> Int
    /// The size of the server's database files, in bytes.
    func storageBytes() -> Int
}

/// `RecordLookup` over the server's stored states, for scope checks.
struct ServerLookup: RecordLookup {
    let server: CountyServer
    func state(collection: String, id: String) -> RecordState? { try? server.state(collection: collection, id: id) }
    func states(collection: String) -> [RecordState] { ((try? server.allStates()) ?? []).filter { $0.collection == collection } }
}

/// Why the simulation stopped: a broken invariant or an unexpected answer, with the seed.
struct CountyFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
