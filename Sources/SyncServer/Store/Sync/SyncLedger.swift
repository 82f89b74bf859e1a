import Digest
import ForumModel
import ReplicaStore
import SQLite
import SyncCore
import SyncProtocol

/// The sync protocol's side of the server: pushes merged through the write gate (grouped
/// in shared transactions, replayed for a resent batch), pull pages by scope, and the
/// tombstones purged behind every device's cursor (PROTOCOL.md). A room of the shared
/// `ServerStore`.
public struct SyncLedger: ServerRoom, Sendable {
    /// The shared store.
    public let server: ServerStore

    /// The room of `server` (also `server.syncLedger`).
    public init(_ server: ServerStore) { self.server = server }
}

extension SyncLedger {
    /// Handles a push from `device`: validates the whole body, replays a repeated batch,
    /// then merges the records in one transaction through the replica store's merge, each
    /// through the write gate (`PushGate`, `ServerStore.admit`): a refused record (forged
    /// history, dot integrity, time bounds, the domain's rules) is answered `refused` with
    /// its code and stores nothing; the others go through.
    /// - Throws: the whole-request errors of the protocol; nothing is stored then.
    func push(body: [UInt8], device: Device) throws(SyncServerError) -> PushOutcome {
        let request: PushRequest
        let bodyDigest = SHA256.hash(body)
        let limits = configuration.pushLimits
        if let decoded = PushRequest(body: body, limits: limits, collections: policy.collections) {
            // A body valid in every respect, decoded without a tree: a replay of it is found
            // by `merge`, under the lock, without a second query here (with group commit that
            // lock is held while a group is written).
            request = decoded
        } else {
            let json: JSONValue
            do { json = try JSONParser().parse(body) } catch {
                throw SyncServerError(.invalidJSON, "The body is not valid JSON (\(error.code.rawValue) at byte \(error.offset)).")
            }
            let batch: String
            do { batch = try PushRequest.batchID(of: json, limits: limits) } catch { throw SyncServerError(error) }
            if let replay = try storedResponse(device: device.id, batch: batch, bodyDigest: bodyDigest) {
                return PushOutcome(body: withIncarnation(replay), results: [], replayed: true)
            }
            do { request = try PushRequest(json: json, limits: limits, collections: policy.collections) } catch {
                throw SyncServerError(error)
            }
        }
        if configuration.groupCommit.enabled {
            let job = GroupCommitQueue.Job { [self] in try merge(request, from: device, bodyDigest: bodyDigest) }
            do { return try server.pushGroups.submit(job) { writeGroup($0) } } catch { throw SyncServerError.mapped(error) }
        }
        return try locked { try lookup.memoising { () throws -> PushOutcome in
            try server.writeTransaction { try merge(request, from: device, bodyDigest: bodyDigest) }
        } }
    }

    /// Merges a decoded push (inside the lock and a write transaction): replays an answer
    /// stored meanwhile for the same batch (a resend that raced its original), else merges
    /// the records, referenced collections first, through `ServerStore.commitPush`, and
    /// stores the answer, in the request's order, for replays.
    private func merge(_ request: PushRequest, from device: Device, bodyDigest: [UInt8]) throws -> PushOutcome {
        let batch = request.batch
        if let replay = try storedResponseInLock(device: device.id, batch: batch, bodyDigest: bodyDigest) {
            return PushOutcome(body: withIncarnation(replay), results: [], replayed: true)
        }
        // A device that may still hold records whose tombstones were purged would
        // push them back to life: it pulls from the beginning first (§14d).
        try requireCurrent(device)
        let now = clock()
        // Referenced collections first, whatever order the device sent: a forum edited
        // after its attendance was recorded comes later in the device's pending queue,
        // and its attendance must not be refused for a forum that is in the same push.
        // The results keep the request's order.
        let rank = Dictionary(policy.collectionsInOrder.enumerated().map { ($1, $0) }) { first, _ in first }
        let order = request.records.indices.sorted { a, b in
            let (ra, rb) = (rank[request.records[a].collection] ?? Int.max, rank[request.records[b].collection] ?? Int.max)
            return ra != rb ? ra < rb : a < b
        }
        let merged = try server.commitPush(order.map { request.records[$0] }, from: device)
        var answered: [Int: PushResult] = [:]
        for (index, result) in zip(order, merged) { answered[index] = Self.pushResult(result, for: request.records[index]) }
        let results = request.records.indices.compactMap { answered[$0] }
        let serverTime = try server.nextServerTime()
        // Stored without the incarnation, which a replay adds as it is then: an answer
        // kept from before a restore must not name the old one (the device would take
        // the server for restored again).
        let bytes = PushResponse(batch: batch, results: results, serverTime: serverTime).body
        try store.connection.execute("DELETE FROM push_response WHERE created < ?",
                                     [.integer(now - configuration.batchResponseRetention * 1000)])
        try store.connection.execute("""
            INSERT OR REPLACE INTO push_response (device, batch, response, created, body_sha256) VALUES (?, ?, ?, ?, ?)
            """, [.text(device.id), .text(batch), .blob(bytes), .integer(now), .blob(bodyDigest)])
        try store.connection.execute("UPDATE device SET last_push = ? WHERE id = ?", [.integer(now), .text(device.id)])
        try server.countActivity(pushes: 1, conflicts: results.filter { $0.status == .conflict }.count)
        return PushOutcome(body: withIncarnation(bytes), results: results, replayed: false)
    }

    /// Writes a group of queued pushes in one transaction (group commit), each in a
    /// savepoint of its own, and sets every job's result once the transaction committed.
    ///
    /// A push that throws (refused as a whole, `resync_required`, a storage failure of its
    /// own) is rolled back to its savepoint with what it noted for the ledger and the
    /// lookup's memo, and gets its error; the others stay in the group. When the
    /// transaction itself is lost (SQLite rolled it back, or COMMIT failed), every push of
    /// the group gets the failure: none was answered before, so none was acknowledged.
    private func writeGroup(_ jobs: [GroupCommitQueue.Job]) {
        var outcomes: [Result<PushOutcome, any Error>] = []
        var failure: SyncServerError?
        do {
            try locked { try lookup.memoising {
                try server.writeTransaction {
                    for job in jobs {
                        let noted = ledger.noted
                        do {
                            outcomes.append(.success(try store.connection.transaction { try job.work() }))
                            // A read that swallowed its error (a lookup's `try?`) may have met a
                            // rollback of the whole transaction; the next push would then write
                            // in autocommit, outside the group. Fail the group instead.
                            guard store.connection.isInTransaction else {
                                throw SyncServerError(AdminErrorCode.storageError, "The push transaction was rolled back.")
                            }
                        } catch {
                            ledger.restore(noted)
                            lookup.forgetMemoised()
                            outcomes.append(.failure(error))
                            // SQLite may have rolled back the whole transaction (a full disk):
                            // then the pushes before this one are gone too.
                            guard store.connection.isInTransaction else { throw error }
                        }
                    }
                }
            } }
        } catch {
            failure = error
        }
        for (index, job) in jobs.enumerated() {
            if let failure {
                job.complete(.failure(failure))
            } else {
                job.complete(index < outcomes.count ? outcomes[index]
                             : .failure(SyncServerError(.internalError, "A queued push was not written.")))
            }
        }
    }

    /// The answer for one pushed record from what the merge did with it. A refused record
    /// carries the server's current state when the device may read the record, so the
    /// device can put its copy back (PROTOCOL.md §8), and nothing of the record otherwise.
    private static func pushResult(_ merged: DecidedMerge<PushGate.Refusal>, for incoming: RecordState) -> PushResult {
        switch merged {
        case .refused(let refusal, _):
            return PushResult(collection: incoming.collection, id: incoming.id, status: .refused, reason: refusal.reason,
                              state: refusal.readable)
        case .merged(let result):
            let status: PushResult.Status = switch result.outcome {
            case .conflict: .conflict
            case .unchanged: .unchanged
            case .new, .changed: .merged
            }
            return PushResult(collection: incoming.collection, id: incoming.id, status: status)
        }
    }

    /// A stored push answer (a JSON object) with the current incarnation added as its last member.
    private func withIncarnation(_ body: [UInt8]) -> [UInt8] {
        guard body.last == UInt8(ascii: "}") else { return body }
        var out = Array(body.dropLast())
        out.append(contentsOf: Array(#","incarnation":"#.utf8))
        // No lock: called inside the push's; the incarnation of an open database never changes.
        JSONWriter.writeString(ledger.incarnation, into: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The remembered answer to `batch` from `device`, to replay for a resend; `nil` when
    /// the batch is new (or its answer has expired).
    /// - Throws: 409 `batch_id_reused` when the batch id came before with another body: the
    ///   new body is neither stored nor answered with the old results (PROTOCOL.md §13).
    private func storedResponse(device: String, batch: String, bodyDigest: [UInt8]) throws(SyncServerError) -> [UInt8]? {
        try locked { try storedResponseInLock(device: device, batch: batch, bodyDigest: bodyDigest) }
    }

    /// `storedResponse` for a caller holding the lock.
    private func storedResponseInLock(device: String, batch: String, bodyDigest: [UInt8]) throws(SyncServerError) -> [UInt8]? {
        let stored: ([UInt8], [UInt8]?)?
        do {
            stored = try store.connection.queryOne("""
                SELECT response, body_sha256 FROM push_response WHERE device = ? AND batch = ? AND created >= ?
                """, [.text(device), .text(batch), .integer(clock() - configuration.batchResponseRetention * 1000)]) {
                (try $0.blob(at: 0), try $0.isNull(at: 1) ? nil : try $0.blob(at: 1))
            }
        } catch { throw SyncServerError.storage(error) }
        guard let (response, digest) = stored else { return nil }
        // Answers stored before digests were kept (NULL) replay as they always did.
        if let digest, digest != bodyDigest {
            throw SyncServerError(.batchIDReused, "The batch id was used before with a different body; send new changes under a new batch id.")
        }
        return response
    }
}
