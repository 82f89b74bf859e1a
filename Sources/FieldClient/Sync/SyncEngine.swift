import Digest
import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Synchronization

/// Runs a sync: push every pending local change, then pull every page of the server's
/// change feed.
///
/// Safe to interrupt at any point (a crash, a kill, a dropped connection):
/// - a push acknowledges exactly the changes it sent, after the server answered; a change
///   made meanwhile stays pending. The batch id is derived from the pending sequences, so
///   a retry after a lost answer reuses it and the server replays its answer;
/// - each pulled page is stored with its cursor in one transaction, so the next sync
///   continues after the last stored page, without gaps or duplicates.
public final class SyncEngine {
    /// The local replica.
    public let replica: LocalReplica
    /// How requests reach the server.
    public let transport: any SyncTransport
    /// Batch sizes, retries.
    public let configuration: ClientConfiguration
    /// Waits between retries; tests replace it to record delays without sleeping.
    public var sleep: (Double) -> Void = { seconds in
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }
    /// A monotonic clock in seconds, for the silence deadline; tests replace it.
    public var uptime: () -> Double = { ProcessInfo.processInfo.systemUptime }
    /// When the server last answered (or the sync started), on `uptime`'s clock.
    private var lastAnswer: Double = 0

    /// Creates an engine.
    public init(replica: LocalReplica, transport: any SyncTransport, configuration: ClientConfiguration) {
        self.replica = replica
        self.transport = transport
        self.configuration = configuration
    }

    /// Pushes, then pulls until the server has nothing more.
    ///
    /// - Parameter progress: called after each batch or page and before each retry.
    /// - Returns: what was sent, received, merged; conflicts; refused writes.
    /// - Throws: `ClientError` once retries are exhausted or at the first non-transient
    ///   failure. Everything done before it is kept; nothing pending is lost.
    @discardableResult
    public func sync(progress: (SyncProgress) -> Void = { _ in }) throws(ClientError) -> SyncSummary {
        do {
            return try syncOnce(progress: progress)
        } catch where error.code == .deviceRevoked {
            // Remembered for `forum status`; failing to note it must not hide the revocation.
            try? replica.noteRevoked()
            guard error.detailParams[ClientError.wipeParameter] == "true" else { throw error }
            // Revoked and to be wiped: synced records leave this laptop, unsynced ones stay
            // for export; the server is told how many went.
            let removed = try replica.wipeSynced()
            try transport.confirmWipe(removed: removed)
            throw ClientError(.deviceRevoked, "this device was revoked and its synced records removed",
                              detailCode: "device_wiped", detailParams: [ClientError.wipedParameter: String(removed)])
        }
    }

    private func syncOnce(progress: (SyncProgress) -> Void) throws(ClientError) -> SyncSummary {
        var summary = SyncSummary()
        var conflicted = Set<String>()
        lastAnswer = uptime()
        do {
            try push(into: &summary, conflicted: &conflicted, progress: progress)
        } catch where error.detailCode == WireErrorCode.resyncRequired.rawValue {
            // The server purged tombstones this laptop may still hold the records of: pull
            // everything from the beginning (which removes them), then push (PROTOCOL.md §14d).
            try replica.beginResync()
            try pull(into: &summary, conflicted: &conflicted, progress: progress)
            try push(into: &summary, conflicted: &conflicted, progress: progress)
        }
        if try pull(into: &summary, conflicted: &conflicted, progress: progress) {
            // The server was restored (a new incarnation): offer everything again, then pull
            // what the server made of it (PROTOCOL.md §14a).
            try push(into: &summary, conflicted: &conflicted, progress: progress)
            try pull(into: &summary, conflicted: &conflicted, progress: progress)
        }
        summary.conflicts = conflicted.count
        summary.auditReported = try reportAudit(progress: progress)
        try replica.setLastSuccessfulSync(replica.wallClock())
        // Identities of participants of forums held long ago leave a facilitator's laptop,
        // and tombstones past the server's horizon leave every device.
        let now = Date(timeIntervalSince1970: Double(replica.wallClock()) / 1000)
        summary.retained = try replica.applyRetention(now: now)
        summary.tombstonesPurged = try replica.purgeTombstones(now: now)
        return summary
    }

    func push(into summary: inout SyncSummary, conflicted: inout Set<String>, progress: (SyncProgress) -> Void) throws(ClientError) {
        let total = try replica.pendingCount()
        var size = min(max(1, configuration.pushBatchSize), Self.maxPushRecords)
        var maxBytes = configuration.pushBatchMaxBytes
        var previousBatch: String?
        var deferred = Set<String>()
        while true {
            let pending = try replica.pendingChanges(limit: size)
            // Only changes the server could not take yet remain: they wait for a later sync.
            guard !pending.isEmpty, !pending.allSatisfy({ deferred.contains(Self.key($0.state)) }) else { return }
            for chunk in Self.chunks(of: pending, maxBytes: maxBytes) {
                let restored: Bool
                do {
                    restored = try push(chunk, previousBatch: &previousBatch, deferred: &deferred, total: total,
                                        into: &summary, conflicted: &conflicted, progress: progress)
                } catch where Self.isTooLarge(error) && chunk.count > 1 {
                    // The server takes less per push than this client sends (an older or
                    // stricter server, PROTOCOL.md §17): nothing of the batch was stored, so
                    // send the same changes again in halves, under new batch ids.
                    size = max(1, chunk.count / 2)
                    maxBytes = max(1, chunk.reduce(0) { $0 + $1.canonicalJSON.count + 1 } / 2)
                    previousBatch = nil
                    break
                }
                if restored {
                    // A restored server: every record is pending again, the batch just sent
                    // included, so its id comes round again legitimately. Start over.
                    previousBatch = nil
                    break
                }
            }
        }
    }

    /// Most records the client ever puts in one push: the server's default limit
    /// (PROTOCOL.md §17).
    static let maxPushRecords = 10_000

    /// Whether a push was refused as too large as a whole (`413`), so nothing was stored.
    static func isTooLarge(_ error: ClientError) -> Bool {
        error.code == .protocolError && ["too_many_records", "body_too_large", "413"].contains(error.detailCode ?? "")
    }

    /// Sends one batch and acknowledges it.
    /// - Returns: whether the answer showed the server restored (a new incarnation).
    private func push(_ pending: [PendingChange], previousBatch: inout String?, deferred: inout Set<String>, total: Int,
                      into summary: inout SyncSummary, conflicted: inout Set<String>,
                      progress: (SyncProgress) -> Void) throws(ClientError) -> Bool {
        guard let first = pending.first, let last = pending.last else { return false }
        let batch = Self.batchID(first: first.pendingSequence, last: last.pendingSequence, count: pending.count)
        // The same batch twice means acknowledging changed nothing: stop rather than loop.
        guard batch != previousBatch else {
            throw ClientError(.storageError, "pushed changes stayed pending after acknowledgement")
        }
        previousBatch = batch
        var sent = batch
        let response: PushResponse
        do {
            response = try retrying(progress) { () throws(ClientError) in
                try transport.push(batch: batch, records: pending.map(\.state), encoded: pending.map(\.canonicalJSON))
            }
        } catch where error.detailCode == "batch_id_reused" {
            // The server holds another body under this id: a state changed under the same
            // pending sequences since an earlier push whose answer was lost (a pulled change
            // merged into it). Send it under an id that names its content instead.
            sent = Self.batchID(first: first.pendingSequence, last: last.pendingSequence, count: pending.count,
                                content: pending.map(\.state))
            let retry = sent
            response = try retrying(progress) { () throws(ClientError) in
                try transport.push(batch: retry, records: pending.map(\.state), encoded: pending.map(\.canonicalJSON))
            }
        }
        try Self.check(response, batch: sent, sent: pending)
        // A restored server (a new incarnation): its answers to this batch were made before
        // it had the records this device is about to offer again, so none is taken, not a
        // refusal either; everything is pending now and offered again, parents first.
        if try replica.noteIncarnation(response.incarnation) { return true }
        // `not_recovered`: the server, restored, does not hold what the record needs yet.
        // The change stays pending as it is, moved behind the others (PROTOCOL.md §14a).
        let waiting = Set(response.results.filter { $0.reason?.code == RecordRefusal.notRecovered }.map {
            $0.collection + "/" + $0.id
        })
        var pending = pending
        if !waiting.isEmpty {
            let later = pending.filter { waiting.contains(Self.key($0.state)) }
            try replica.deferPending(later)
            deferred.formUnion(waiting)
            pending.removeAll { waiting.contains(Self.key($0.state)) }
        }
        let answered = response.results.filter { !waiting.contains($0.collection + "/" + $0.id) }
        let now = replica.wallClock()
        let refused = answered.filter { $0.status == .refused }.map {
            RefusedWrite(collection: $0.collection, id: $0.id, code: $0.reason?.code ?? "refused",
                         message: $0.reason?.message ?? "", parameters: $0.reason?.parameters ?? [:], atMillis: now)
        }
        let sentByRecord = Dictionary(pending.map { ($0.state.collection + "/" + $0.state.id, $0.state) }) { first, _ in first }
        let resets = answered.filter { $0.status == .refused }.compactMap { result -> (sent: RecordState, server: RecordState?)? in
            sentByRecord[result.collection + "/" + result.id].map { ($0, result.state) }
        }
        try replica.acknowledge(pending, refused: refused, resets: resets, keepingRefused: configuration.refusedWritesKept,
                                serverTime: response.serverTime)
        summary.sent += pending.count
        for result in response.results where result.status == .conflict { conflicted.insert(result.collection + "/" + result.id) }
        summary.refused += refused
        progress(.pushed(sent: summary.sent, total: max(total, summary.sent)))
        return false
    }

    static func key(_ state: RecordState) -> String { state.collection + "/" + state.id }

    /// Reports exports made on this laptop to the server's audit trail, in reports of up to
    /// 100; each event leaves the outbox once the server has it (a resent one is recorded
    /// once, by its id). - Returns: how many were reported.
    func reportAudit(progress: (SyncProgress) -> Void) throws(ClientError) -> Int {
        var reported = 0
        while true {
            let events = try replica.unreportedEvents()
            guard !events.isEmpty else { return reported }
            _ = try retrying(progress) { () throws(ClientError) in try transport.reportAudit(events) }
            try replica.markReported(events)
            reported += events.count
        }
    }

    /// Splits pending changes, in order, into batches whose records' canonical JSON adds up
    /// to at most `maxBytes` (a record larger than that goes alone). Deterministic: the
    /// same pending changes give the same batches, so a retried batch keeps its id.
    static func chunks(of pending: [PendingChange], maxBytes: Int) -> [[PendingChange]] {
        var chunks: [[PendingChange]] = []
        var current: [PendingChange] = []
        var bytes = 0
        for change in pending {
            let size = change.canonicalJSON.count + 1
            if !current.isEmpty, bytes + size > maxBytes {
                chunks.append(current)
                current = []
                bytes = 0
            }
            current.append(change)
            bytes += size
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    /// Pulls until the server has nothing more.
    /// - Returns: whether the server turned out restored (a new incarnation): every record
    ///   is pending then, and the pull started over from the beginning.
    @discardableResult
    func pull(into summary: inout SyncSummary, conflicted: inout Set<String>, progress: (SyncProgress) -> Void) throws(ClientError) -> Bool {
        let limit = min(max(1, configuration.pullPageSize), 1000)
        let prefetcher = PullPrefetcher(transport: transport, depth: configuration.pullPrefetchPages)
        defer { prefetcher.finish() }
        var held = HeldPages()
        var cursor = try replica.pullCursor()
        var restarted = false, restored = false
        // A resync from the beginning (§14d) notes every record the server sends, so what
        // it no longer sends can be swept at the end. One interrupted starts over.
        var resyncing = try replica.isResyncing()
        var received = Set<String>()
        if resyncing { cursor = nil }
        while true {
            let requested = cursor
            let fetched: PullPrefetcher.Fetched
            do {
                fetched = try retrying(progress) { () throws(ClientError) in
                    try prefetcher.page(cursor: requested, limit: limit)
                }
            } catch where error.detailCode == "invalid_cursor" && requested != nil && !restarted {
                // The server no longer knows this cursor (its database was restored from a
                // backup): pull everything again. Merging is idempotent and pending local
                // changes stay pending, so nothing is lost (PROTOCOL.md, section 14).
                try store(&held, into: &summary, conflicted: &conflicted, more: true, progress: progress)
                restarted = true
                cursor = nil
                continue
            } catch where error.detailCode == WireErrorCode.resyncRequired.rawValue && requested != nil && !resyncing {
                // Tombstones were purged since this cursor: start over from the beginning.
                held = HeldPages()
                try replica.beginResync()
                resyncing = true
                received = []
                cursor = nil
                continue
            } catch {
                // Pages already received are kept: the next sync continues after them.
                if resyncing { received.formUnion(held.records.map(Self.key)) }
                try store(&held, into: &summary, conflicted: &conflicted, more: true, progress: progress)
                throw error
            }
            let page = fetched.page
            if page.retentionDays != (try replica.retentionDays()) { try replica.setRetentionDays(page.retentionDays) }
            if page.tombstoneDays != (try replica.tombstoneDays()) { try replica.setTombstoneDays(page.tombstoneDays) }
            if try replica.noteIncarnation(page.incarnation) {
                // The cursor was the old incarnation's: start over, keeping nothing of it. A
                // resync under way gives way to the restore's recovery, which re-offers
                // every record as it is.
                if resyncing { try replica.abandonResync() }
                resyncing = false
                held = HeldPages()
                restored = true
                cursor = nil
                continue
            }
            guard page.records.count + page.forget.count <= limit else {
                throw ClientError(.protocolError, "the server sent more records than asked for")
            }
            guard !page.more || !page.records.isEmpty || !page.forget.isEmpty || page.cursor != requested else {
                throw ClientError(.protocolError, "the server promised more but sent nothing new")
            }
            if page.more, configuration.pullPrefetchPages > 0 { prefetcher.prefetch(cursor: page.cursor, limit: limit) }
            held.append(fetched)
            progress(.receiving(received: summary.received + held.records.count, more: page.more))
            if !page.more || held.records.count >= max(1, configuration.pullRecordsPerTransaction) {
                if resyncing { received.formUnion(held.records.map(Self.key)) }
                try store(&held, into: &summary, conflicted: &conflicted, more: page.more, progress: progress)
            }
            guard page.more else {
                if resyncing { summary.resync = try replica.finishResync(received: received) }
                return restored
            }
            cursor = page.cursor
        }
    }

    /// Pages received but not stored yet, with the cursor of the last one.
    struct HeldPages {
        var records: [RecordState] = []
        /// The records' canonical JSON, while every held page came with it.
        var encoded: [[UInt8]]? = []
        var cursor: String?
        /// Records that left the device's scope, with the number of records held before
        /// each was listed: one listed again afterwards (back in scope) is kept.
        var forget: [(record: ForgottenRecord, position: Int)] = []

        mutating func append(_ fetched: PullPrefetcher.Fetched) {
            for record in fetched.page.forget { forget.append((record, records.count + fetched.page.records.count)) }
            records.append(contentsOf: fetched.page.records)
            if let more = fetched.encoded, encoded != nil { encoded?.append(contentsOf: more) } else { encoded = nil }
            cursor = fetched.page.cursor
        }
    }

    /// Stores the held pages with their cursor in one transaction: fewer, larger commits
    /// write each B-tree page once instead of once per page of records.
    private func store(_ held: inout HeldPages, into summary: inout SyncSummary, conflicted: inout Set<String>,
                       more: Bool, progress: (SyncProgress) -> Void) throws(ClientError) {
        guard let cursor = held.cursor else { return }
        // A record forgotten, then listed again in the same held pages, is back in scope.
        var lastListed: [ForgottenRecord: Int] = [:]
        if !held.forget.isEmpty {
            for (index, record) in held.records.enumerated() {
                lastListed[ForgottenRecord(collection: record.collection, id: record.id)] = index
            }
        }
        let forget = held.forget.filter { (lastListed[$0.record] ?? -1) < $0.position }.map(\.record)
        let results = try replica.mergePulled(held.records, encoded: held.encoded, cursor: cursor, forget: forget)
        summary.received += held.records.count
        summary.merged += results.filter { $0.outcome != .unchanged }.count
        for result in results where result.outcome == .conflict { conflicted.insert(result.collection + "/" + result.id) }
        Self.release(held, results)
        held = HeldPages()
        progress(.pulled(received: summary.received, more: more))
    }

    /// Where stored pages are freed: thousands of decoded states, their encodings and merge
    /// results, whose deallocation was about a fifth of the storing thread's Swift samples in
    /// a first sync.
    private static let releaseQueue = DispatchQueue(label: "forum.sync.release", qos: .utility)
    /// Releases handed to `releaseQueue` and not done yet (all engines of the process).
    private static let queuedReleases = Mutex(0)

    /// Drops the last references to `held` and `results` on `releaseQueue`, or right here
    /// when an earlier release is still queued: at most one transaction's worth of pages
    /// waits to be freed, so memory stays bounded however far the queue falls behind.
    private static func release(_ held: HeldPages, _ results: [MergeResult]) {
        let queueFree = queuedReleases.withLock { queued in
            guard queued == 0 else { return false }
            queued += 1
            return true
        }
        guard queueFree else { return }
        releaseQueue.async {
            withExtendedLifetime((held, results)) {}
            queuedReleases.withLock { $0 -= 1 }
        }
    }

    /// The batch id for pending sequences `first...last`: the same pending changes give
    /// the same id, so a retry is recognised by the server; a change made since gives a new one.
    static func batchID(first: Int64, last: Int64, count: Int) -> String { "p\(first)-\(last)-\(count)" }

    /// A batch id for the same pending sequences that also names the states sent (16 hex
    /// characters of the SHA-256 of their canonical JSON), for when the server refuses the
    /// plain id as reused with another body (409 `batch_id_reused`, PROTOCOL.md §13).
    static func batchID(first: Int64, last: Int64, count: Int, content: [RecordState]) -> String {
        var hasher = SHA256Hasher()
        for state in content { hasher.update(state.canonicalJSON) }
        return batchID(first: first, last: last, count: count) + "-" + String(SHA256.hex(hasher.finalize()).prefix(16))
    }

    /// Checks that the answer belongs to the batch: one result per record, in order.
    static func check(_ response: PushResponse, batch: String, sent: [PendingChange]) throws(ClientError) {
        guard response.batch == batch, response.results.count == sent.count else {
            throw ClientError(.protocolError, "the push answer does not match the batch sent")
        }
        for (result, change) in zip(response.results, sent)
        where result.collection != change.state.collection || result.id != change.state.id {
            throw ClientError(.protocolError, "the push answer lists records out of order")
        }
    }

    /// Runs `operation`, retrying transient failures with exponential backoff while the
    /// attempts last and another try could end within the silence deadline
    /// (`ClientConfiguration.unansweredDeadlineSeconds`).
    func retrying<T>(_ progress: (SyncProgress) -> Void, _ operation: () throws(ClientError) -> T) throws(ClientError) -> T {
        var attempt = 1
        while true {
            do {
                let value = try operation()
                lastAnswer = uptime()
                return value
            } catch {
                guard error.isTransient else {
                    lastAnswer = uptime() // the server answered, if only to refuse
                    throw error
                }
                let delay = configuration.retryDelay(afterAttempt: attempt)
                let silent = uptime() - lastAnswer
                guard attempt < max(1, configuration.retryAttempts),
                      silent + delay + configuration.requestTimeoutSeconds <= configuration.unansweredDeadlineSeconds
                else { throw error }
                progress(.retrying(attempt: attempt, delaySeconds: delay, code: error.code.rawValue))
                sleep(delay)
                attempt += 1
            }
        }
    }
}
