import Digest
import ReplicaStore
import SQLite
import SyncCore

extension ServerDatabase {
    /// Handles a push from `device`: validates the whole body, replays a repeated batch,
    /// rejects forged history, then merges record by record in one transaction, asking
    /// the policy about each change and storing a compensating write for refused ones.
    /// - Throws: the whole-request errors of the protocol; nothing is stored then.
    func push(body: [UInt8], device: Device) throws(SyncServerError) -> PushOutcome {
        let request: PushRequest
        let bodyDigest = SHA256.hash(body)
        if let decoded = PushRequest(body: body, configuration: configuration, collections: policy.collections) {
            // A body valid in every respect, decoded without a tree: the same outcome as below.
            if let replay = try storedResponse(device: device.id, batch: decoded.batch, bodyDigest: bodyDigest) {
                return PushOutcome(body: replay, results: [], replayed: true)
            }
            request = decoded
        } else {
            let json: JSONValue
            do { json = try JSONParser().parse(body) } catch {
                throw .badRequest("invalid_json", "The body is not valid JSON (\(error.code.rawValue) at byte \(error.offset)).")
            }
            let batch = try PushRequest.batchID(of: json, maxLength: configuration.maxBatchIDLength)
            if let replay = try storedResponse(device: device.id, batch: batch, bodyDigest: bodyDigest) {
                return PushOutcome(body: replay, results: [], replayed: true)
            }
            request = try PushRequest(json: json, configuration: configuration, collections: policy.collections)
        }
        let batch = request.batch
        guard let pusher = ReplicaID(device.id) else { throw .storage(SyncServerError.notFound("replica")) }
        return try locked { try lookup.memoising { () throws -> PushOutcome in
            // Forged history is checked against the stored states before anything is written.
            for (index, record) in request.records.enumerated() {
                let known = try lookup.storedState(collection: record.collection, id: record.id)
                if !RecordState.foreignDots(in: record, pushedBy: pusher, known: known).isEmpty {
                    throw SyncServerError("forged_history", status: 403,
                                          "Record \(index) claims writes of another replica the server never sent.",
                                          extra: ["index": .integer(Int64(index))])
                }
            }
            return try store.connection.transaction(.immediate) {
                let now = clock()
                var results: [PushResult] = []
                for record in request.records {
                    results.append(try apply(record, from: device, pusher: pusher))
                }
                let serverTime = try nextServerTime()
                let response = JSONValue.object([
                    "batch": .string(batch), "results": .array(results.map(\.jsonValue)),
                    "serverTime": .array([.integer(serverTime.wallMillis), .integer(Int64(serverTime.logical))]),
                ])
                let bytes = JSONWriter.bytes(response)
                try store.connection.execute("DELETE FROM push_response WHERE created < ?",
                                             [.integer(now - configuration.batchResponseRetention * 1000)])
                try store.connection.execute("""
                    INSERT OR REPLACE INTO push_response (device, batch, response, created, body_sha256) VALUES (?, ?, ?, ?, ?)
                    """, [.text(device.id), .text(batch), .blob(bytes), .integer(now), .blob(bodyDigest)])
                try store.connection.execute("UPDATE device SET last_push = ? WHERE id = ?", [.integer(now), .text(device.id)])
                try countActivity(pushes: 1, conflicts: results.filter { $0.status == .conflict }.count)
                return PushOutcome(body: bytes, results: results, replayed: false)
            }
        } }
    }

    /// Merges one record (inside the push transaction).
    private func apply(_ incoming: RecordState, from device: Device, pusher: ReplicaID) throws -> PushResult {
        let existing = try lookup.storedState(collection: incoming.collection, id: incoming.id)
        let merged = try existing.map { try $0.merged(with: incoming) } ?? incoming
        if merged == existing {
            return PushResult(collection: incoming.collection, id: incoming.id, status: .unchanged)
        }
        if let refusal = policy.check(actor: device.actor, before: existing, after: merged, lookup: lookup) {
            let compensation = try RecordState.compensation(previous: existing, refused: incoming, by: .server,
                                                            at: try nextServerTime())
            // The pushing device must receive the compensation even when the record is
            // outside its scope (or has no municipality at all), hence its device tag.
            var annotations = annotations(for: compensation)
            annotations.tags.append(Self.deviceTag(device.id))
            try save(compensation, annotations: annotations)
            return PushResult(collection: incoming.collection, id: incoming.id, status: .refused, reason: refusal)
        }
        let result = try save(merged, annotations: annotations(for: merged, previous: existing))
        try refreshDependents(of: merged, previous: existing, created: existing == nil)
        let status: PushResult.Status = switch result.outcome {
        case .conflict: .conflict
        case .unchanged: .unchanged
        case .new, .changed: .merged
        }
        return PushResult(collection: incoming.collection, id: incoming.id, status: status)
    }

    /// Stores a state and tells the lookup's memo (see `StoreLookup.memoising`).
    @discardableResult
    func save(_ state: RecordState, annotations: RecordAnnotations) throws -> MergeResult {
        let result = try store.save(state, annotations: annotations)
        lookup.note(state)
        return result
    }

    /// The remembered answer to `batch` from `device`, to replay for a resend; `nil` when
    /// the batch is new (or its answer has expired).
    /// - Throws: 409 `batch_id_reused` when the batch id came before with another body: the
    ///   new body is neither stored nor answered with the old results (PROTOCOL.md §13).
    private func storedResponse(device: String, batch: String, bodyDigest: [UInt8]) throws(SyncServerError) -> [UInt8]? {
        let stored = try locked {
            try store.connection.queryOne("""
                SELECT response, body_sha256 FROM push_response WHERE device = ? AND batch = ? AND created >= ?
                """, [.text(device), .text(batch), .integer(clock() - configuration.batchResponseRetention * 1000)]) {
                (try $0.blob(at: 0), try $0.isNull(at: 1) ? nil : try $0.blob(at: 1))
            }
        }
        guard let (response, digest) = stored else { return nil }
        // Answers stored before digests were kept (NULL) replay as they always did.
        if let digest, digest != bodyDigest {
            throw SyncServerError("batch_id_reused", status: 409,
                                  "The batch id was used before with a different body; send new changes under a new batch id.")
        }
        return response
    }
}
