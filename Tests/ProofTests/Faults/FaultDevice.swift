import FieldClient
import ForumModel
import SyncCore
import SyncProtocol

/// The ledger shared by the devices of one run (a class so transports can record into it).
final class LedgerBox {
    var ledger = CountyLedger()
    /// Records whose refusal changed the server's state; must stay empty.
    var changedByRefusal: [String] = []
}

/// A field device as shipped: FieldClient's `LocalReplica` and `SyncEngine` over the real
/// HTTP transport, with a recording wrapper that tells the ledger what the server answered.
final class FaultDevice {
    let name: String
    let replica: LocalReplica
    let engine: SyncEngine
    private let box: LedgerBox

    init(name: String, path: String, replica id: ReplicaID, token: String, actor: Actor, baseURL: String,
         server: CountyServer, box: LedgerBox) throws {
        self.name = name
        self.box = box
        replica = try LocalReplica(path: path, replica: id, actor: actor)
        // A realistic request timeout. A push whose reused connection died is sent again by
        // libcurl on a fresh connection, with its body (it is sent from memory), so a dropped
        // keep-alive connection never costs a whole timeout: when the URLSession transport
        // re-sent such POSTs without their body this test took 162 s at this timeout.
        let configuration = ClientConfiguration(requestTimeoutSeconds: 20, resourceTimeoutSeconds: 30, retryAttempts: 6,
                                                retryBaseDelaySeconds: 0.001, retryMaximumDelaySeconds: 0.01,
                                                pushBatchSize: 7, pullPageSize: 9)
        let http = try HTTPSyncTransport(baseURL: baseURL, token: token, configuration: configuration)
        engine = SyncEngine(replica: replica, transport: RecordingTransport(inner: http, replica: id, server: server, box: box),
                            configuration: configuration)
        engine.sleep = { _ in }
    }

    /// A local write through the domain rules; records it in the ledger.
    /// - Returns: whether anything was written (false when refused locally or unchanged).
    @discardableResult
    func write(_ collection: String, _ id: String, _ values: [String: JSONValue]) throws -> Bool {
        let before = try replica.state(collection: collection, id: id)
        guard let after = try writeUnlessRefused(collection, id, values) else { return false }
        let counter = after.context[replica.replica]
        guard counter > (before?.context[replica.replica] ?? 0) else { return false }
        let dot = Dot(replica: replica.replica, counter: counter)
        let entries = after.fields.compactMapValues { $0.entries.first { $0.dot == dot } }
        guard let time = entries.values.first?.time else { return false }
        let written = entries.filter { !$0.key.hasPrefix("_") }.mapValues(\.value)
        box.ledger.record(.init(key: .init(collection: collection, id: id), dot: dot, time: time, values: written,
                                contextBefore: before?.context ?? VersionVector()))
        return true
    }

    /// The stored state after the write, `nil` when the domain rules refused it locally.
    private func writeUnlessRefused(_ collection: String, _ id: String, _ values: [String: JSONValue]) throws -> RecordState? {
        do {
            return try replica.write(collection: collection, id: id, values: values)
        } catch {
            if error.code == .refused { return nil }
            throw error
        }
    }

    /// Every state held, canonical JSON, undecoded.
    func allCanonicalJSON() throws -> [[UInt8]] {
        try replica.store.rawChanges(since: 0, limit: 1_000_000).rows.map(\.json)
    }

    /// Every state held.
    func allStates() throws -> [RecordState] {
        try ForumRules.collections.sorted().flatMap { try replica.store.records(in: $0, includeDeleted: true, limit: 1_000_000) }
    }
}

/// Passes calls to the HTTP transport and records each push answer the engine receives.
/// A refused record must have left the server as it was (PROTOCOL.md §8: a refusal stores
/// nothing), so its state after the attempt is compared with a snapshot taken just before.
/// One device syncs at a time, so nothing else writes in between.
final class RecordingTransport: SyncTransport {
    let inner: any SyncTransport
    let replica: ReplicaID
    let server: CountyServer
    let box: LedgerBox

    init(inner: any SyncTransport, replica: ReplicaID, server: CountyServer, box: LedgerBox) {
        self.inner = inner
        self.replica = replica
        self.server = server
        self.box = box
    }

    func enroll(code: String) throws(ClientError) -> EnrollmentGrant { try inner.enroll(code: code) }

    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse {
        let before = records.map { record in Result { try server.state(collection: record.collection, id: record.id) } }
        let response = try inner.push(batch: batch, records: records)
        // The answer that reveals a restore is ignored by the client, which offers
        // everything again; a `not_recovered` refusal is not final: neither is recorded.
        guard !seeIncarnation(response.incarnation) else { return response }
        for (index, (record, result)) in zip(records, response.results).enumerated()
            where result.reason?.code != RecordRefusal.notRecovered {
            box.ledger.pushed(record, by: replica, status: result.status.rawValue, reason: result.reason?.code,
                              withState: result.state != nil)
            if result.status == .refused, case .success(let stored) = before[index],
               case .success(let after) = Result(catching: { try server.state(collection: record.collection, id: record.id) }),
               after?.canonicalJSON != stored?.canonicalJSON {
                box.changedByRefusal.append("\(record.collection)/\(record.id.prefix(8))")
            }
        }
        return response
    }

    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage {
        let page = try inner.pull(cursor: cursor, limit: limit)
        seeIncarnation(page.incarnation)
        return page
    }

    func confirmWipe(removed: Int) throws(ClientError) { try inner.confirmWipe(removed: removed) }
    func reportAudit(_ events: [DeviceAuditEvent]) throws(ClientError) -> Int { try inner.reportAudit(events) }

    private var incarnation: String?

    /// Notes the incarnation of an answer. - Returns: whether it names a restored server.
    @discardableResult
    private func seeIncarnation(_ seen: String?) -> Bool {
        guard let seen else { return false }
        defer { incarnation = seen }
        return incarnation != nil && incarnation != seen
    }
}
