import FieldClient
import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import TestSupport

/// An in-memory server for `SyncEngine` tests: merges pushes into its own store, serves
/// its change feed with the sequence as cursor, and fails on cue.
final class FakeTransport: SyncTransport {
    let store: ReplicaStore
    /// Errors to throw, in order, before calls succeed again (per call kind).
    var pushFailures: [ClientError] = []
    var pullFailures: [ClientError] = []
    /// Fail every pull after this many successful pulls (simulates a dying connection).
    var failPullsAfter: Int?
    /// Records the server refuses, by id, with the reason code.
    var refuse: [String: String] = [:]
    /// Runs during a push, before the answer (to make a local change "in flight").
    var duringPush: (() -> Void)?
    /// Most records one push may carry; more is answered as a server answers it, 413
    /// `too_many_records`, storing nothing.
    var maxRecordsPerPush: Int?
    private(set) var pushedBatches: [(batch: String, count: Int)] = []
    private(set) var pullCursors: [String?] = []
    private(set) var successfulPulls = 0

    init(directory: TemporaryDirectory) throws {
        store = try ReplicaStore(path: directory.path("server.sqlite"))
    }

    func enroll(code: String) throws(ClientError) -> EnrollmentGrant {
        guard code == "GOOD-CODE-0001" else { throw ClientError(.unauthorized, "bad code", detailCode: "invalid_enrollment_code") }
        return EnrollmentGrant(replica: RecordFixtures.replica("dev-fake"), token: String(repeating: "a", count: 64),
                               role: "facilitator", municipalities: ["Södertälje"], serverReplica: "server")
    }

    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse {
        pushedBatches.append((batch, records.count))
        if !pushFailures.isEmpty { throw pushFailures.removeFirst() }
        if let limit = maxRecordsPerPush, records.count > limit {
            throw ClientError(.protocolError, "the server answered 413", detailCode: "too_many_records")
        }
        var results: [PushResult] = []
        for record in records {
            if let code = refuse[record.id] {
                // As the real server does (PROTOCOL.md §8): nothing is stored, and the
                // answer carries the server's current state for the device to go back to.
                let current = try? store.state(collection: record.collection, id: record.id)
                results.append(PushResult(collection: record.collection, id: record.id, status: .refused,
                                          reason: RecordRefusal(code: code, message: "refused in test"),
                                          state: current ?? nil))
                continue
            }
            let outcome = (try? store.merge([record]))?.first?.outcome
            let status: PushResult.Status = switch outcome {
            case .conflict: .conflict
            case .unchanged: .unchanged
            default: .merged
            }
            results.append(PushResult(collection: record.collection, id: record.id, status: status))
        }
        duringPush?()
        return PushResponse(batch: batch, results: results, serverTime: HybridTimestamp(wallMillis: 1_900_000_000_000))
    }

    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage {
        pullCursors.append(cursor)
        if !pullFailures.isEmpty { throw pullFailures.removeFirst() }
        if let limit = failPullsAfter, successfulPulls >= limit {
            throw ClientError(.serverUnreachable, "connection lost in test")
        }
        successfulPulls += 1
        let since = cursor.flatMap { Int64($0) } ?? 0
        guard let page = try? store.changes(since: since, limit: limit) else {
            throw ClientError(.serverError, "store failed", detailCode: "500")
        }
        return PullPage(records: page.changes.map(\.state), cursor: String(page.nextSequence), more: page.hasMore)
    }

    /// Wipe reports received, in order.
    var wipeReports: [Int] = []
    var auditReports: [[DeviceAuditEvent]] = []

    func confirmWipe(removed: Int) throws(ClientError) { wipeReports.append(removed) }
    func reportAudit(_ events: [DeviceAuditEvent]) throws(ClientError) -> Int {
        auditReports.append(events)
        return events.count
    }
}
