@testable import FieldClient

import ForumModel
import Foundation
import SyncCore
import SyncProtocol
import Testing
import TestSupport

@Suite struct SyncEngineTests {
    func engine(_ replica: LocalReplica, _ transport: FakeTransport, batch: Int = 500, page: Int = 500,
                attempts: Int = 4) -> (SyncEngine, DelayLog) {
        let configuration = ClientConfiguration(retryAttempts: attempts, retryBaseDelaySeconds: 0.5,
                                                retryMaximumDelaySeconds: 8, pushBatchSize: batch, pullPageSize: page)
        let engine = SyncEngine(replica: replica, transport: transport, configuration: configuration)
        let log = DelayLog()
        engine.sleep = { log.delays.append($0) }
        return (engine, log)
    }

    /// A fake server holding `participants` records, pushed there by the replica "dev-s".
    func seededServer(_ directory: TemporaryDirectory, participants: Int) throws -> (LocalReplica, FakeTransport) {
        let seeder = try ForumFixtures.replica(directory, name: "dev-s")
        try ForumFixtures.participants(in: seeder, count: participants)
        let transport = try FakeTransport(directory: directory)
        try engine(seeder, transport).0.sync()
        return (seeder, transport)
    }

    @Test func pushesInBatchesAndPullsEverythingBack() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 12)
        let transport = try FakeTransport(directory: directory)
        let summary = try engine(replica, transport, batch: 5, page: 4).0.sync()
        #expect(transport.pushedBatches.map(\.count) == [5, 5, 2])
        #expect(summary.sent == 12)
        #expect(summary.received == 12)
        #expect(summary.merged == 0)
        #expect(try replica.pendingCount() == 0)
        #expect(try replica.lastSuccessfulSync() != nil)
    }

    @Test func splitsPushBatchesByBytesSendingEveryChangeOnceInOrder() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 12)
        let transport = try FakeTransport(directory: directory)
        let pending = try replica.pendingChanges(limit: 100)
        let recordBytes = try #require(pending.first?.state.canonicalJSON.count)
        // Room for about three records (each counted with its separating comma).
        let limit = 3 * (recordBytes + 1) + 2
        let configuration = ClientConfiguration(pushBatchSize: 500, pushBatchMaxBytes: limit)
        let summary = try SyncEngine(replica: replica, transport: transport, configuration: configuration).sync()
        let chunks = SyncEngine.chunks(of: pending, maxBytes: limit)
        #expect(transport.pushedBatches.map(\.count) == chunks.map(\.count))
        #expect(chunks.count >= 4)
        for chunk in chunks where chunk.count > 1 {
            #expect(chunk.reduce(0) { $0 + $1.state.canonicalJSON.count + 1 } <= limit)
        }
        #expect(summary.sent == 12)
        #expect(try replica.pendingCount() == 0)
        #expect(SyncEngine.chunks(of: pending, maxBytes: 1).map(\.count) == Array(repeating: 1, count: 12))
        #expect(SyncEngine.chunks(of: pending, maxBytes: 1).flatMap { $0 }.map(\.pendingSequence) == pending.map(\.pendingSequence))
    }

    @Test func sendsABatchTheServerFindsTooLargeAgainInHalvesUntilItFits() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 12)
        let transport = try FakeTransport(directory: directory)
        // A server that takes 3 records per push (an older or stricter one than the client's defaults).
        transport.maxRecordsPerPush = 3
        let summary = try SyncEngine(replica: replica, transport: transport, configuration: ClientConfiguration()).sync()
        #expect(transport.pushedBatches.map(\.count).prefix(3) == [12, 6, 3])
        #expect(transport.pushedBatches.dropFirst(2).allSatisfy { $0.count <= 3 })
        #expect(summary.sent == 12)
        #expect(summary.refused.isEmpty)
        #expect(try replica.pendingCount() == 0)
        #expect(try transport.store.records(in: "participant", includeDeleted: true, limit: 100, after: nil).count == 12)
    }

    @Test func aSingleRecordTheServerFindsTooLargeIsReportedNotRetriedForEver() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 2)
        let transport = try FakeTransport(directory: directory)
        transport.maxRecordsPerPush = 0
        #expect(throws: ClientError.self) { try SyncEngine(replica: replica, transport: transport, configuration: ClientConfiguration()).sync() }
        #expect(transport.pushedBatches.map(\.count) == [2, 1])
        #expect(try replica.pendingCount() == 2)
    }

    @Test func sendsOneBatchAtATimeInPendingOrder() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 12)
        let pending = try replica.pendingChanges(limit: 100)
        let transport = OverlapCountingTransport(try FakeTransport(directory: directory))
        // A later batch may name records of an earlier one (an attendance its participant),
        // so the server must merge them in this order: never two requests at once.
        let configuration = ClientConfiguration(pushBatchSize: 500, pushBatchMaxBytes: 1)
        let summary = try SyncEngine(replica: replica, transport: transport, configuration: configuration).sync()
        #expect(transport.inner.pushedBatches.count == 12)
        #expect(transport.mostInFlight == 1)
        #expect(transport.pushedIDs == pending.map(\.state.id))
        #expect(summary.sent == 12)
        #expect(try replica.pendingCount() == 0)
    }

    @Test func aRefusedWriteKeepsItsReasonsParametersForTheNextStatus() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participant(in: replica, id: "p1", name: "Anna")
        let pending = try replica.pendingChanges(limit: 10)
        let refused = [RefusedWrite(collection: "participant", id: "p1", code: "text_too_long", message: "m",
                                    parameters: ["field": "displayName", "limit": "200"], atMillis: 1),
                       RefusedWrite(collection: "participant", id: "p2", code: "outside_scope", message: "m", atMillis: 2)]
        try replica.acknowledge(pending, refused: refused, keepingRefused: 10, serverTime: nil)
        #expect(try replica.refusedWrites(limit: 10) == refused.reversed())
    }

    @Test func acknowledgesOnlyWhatWasSent() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participant(in: replica, id: "p1", name: "Anna")
        let transport = try FakeTransport(directory: directory)
        // A change to the same record while its push is in flight must stay pending.
        transport.duringPush = {
            transport.duringPush = nil
            try? ForumFixtures.participant(in: replica, id: "p1", name: "Anna B")
        }
        let summary = try engine(replica, transport).0.sync()
        // The change made in flight was not acknowledged with the first batch: it went in a second one.
        #expect(transport.pushedBatches.count == 2)
        #expect(transport.pushedBatches[0].batch != transport.pushedBatches[1].batch)
        #expect(summary.sent == 2)
        #expect(try transport.store.state(collection: Participant.collection, id: "p1")?[Participant.Field.displayName] == "Anna B")
        #expect(try replica.pendingCount() == 0)
    }

    @Test func retriesTransientFailuresWithExponentialBackoffReusingTheBatchID() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 3)
        let transport = try FakeTransport(directory: directory)
        transport.pushFailures = [ClientError(.timeout, "t"), ClientError(.serverError, "s", detailCode: "503"),
                                  ClientError(.serverUnreachable, "u")]
        let (engine, log) = engine(replica, transport)
        let summary = try engine.sync()
        #expect(log.delays == [0.5, 1, 2])
        #expect(Set(transport.pushedBatches.map(\.batch)).count == 1)
        #expect(transport.pushedBatches.count == 4)
        #expect(summary.sent == 3)
    }

    @Test func aBatchIDTheServerKnowsWithAnotherBodyIsSentAgainUnderAContentID() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 2)
        let transport = try FakeTransport(directory: directory)
        transport.pushFailures = [ClientError(.protocolError, "the server answered 409", detailCode: "batch_id_reused")]
        let summary = try engine(replica, transport).0.sync()
        let batches = transport.pushedBatches.map(\.batch)
        #expect(batches.count == 2)
        #expect(batches.count == 2 && batches[1].hasPrefix(batches[0] + "-") && batches[1].count == batches[0].count + 17)
        #expect(summary.sent == 2)
        #expect(try replica.pendingCount() == 0)
    }

    /// A server that stops answering (each try waits the whole answer deadline) is given up
    /// on within the silence deadline, however many attempts are configured: with the
    /// defaults, within 30 s of the sync's start (simulated time; nothing sleeps).
    @Test func aServerThatStopsAnsweringIsGivenUpOnWithinTheSilenceDeadline() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 2)
        var configuration = ClientConfiguration()
        configuration.retryAttempts = 100
        let clock = SimulatedClock()
        let silent = SilentTransport(clock: clock, answerDeadline: configuration.requestTimeoutSeconds)
        let engine = SyncEngine(replica: replica, transport: silent, configuration: configuration)
        engine.uptime = { clock.now }
        engine.sleep = { clock.now += $0 }
        do { try engine.sync(); Issue.record("expected failure") } catch { #expect(error.code == .timeout) }
        #expect(silent.tries > 1, "a transient timeout is retried while the deadline allows")
        #expect(clock.now <= configuration.unansweredDeadlineSeconds)
        #expect(configuration.unansweredDeadlineSeconds == 30)
        #expect(try replica.pendingCount() == 2)
    }

    @Test func aSilenceShorterThanTheDeadlineIsRetriedThrough() throws {
        let directory = try TemporaryDirectory()
        let (_, transport) = try seededServer(directory, participants: 4)
        let replica = try ForumFixtures.replica(directory, name: "dev-b")
        let configuration = ClientConfiguration(requestTimeoutSeconds: 10, retryAttempts: 100, retryBaseDelaySeconds: 1,
                                                retryMaximumDelaySeconds: 1, unansweredDeadlineSeconds: 25, pullPageSize: 2)
        let clock = SimulatedClock()
        let engine = SyncEngine(replica: replica, transport: transport, configuration: configuration)
        engine.uptime = { clock.now }
        engine.sleep = { clock.now += $0 + 10 } // each failed try took the whole answer deadline
        clock.now = 1000                         // long after any earlier answer
        transport.pullFailures = [ClientError(.timeout, "t"), ClientError(.timeout, "t")]
        try engine.sync()
        #expect(try replica.pendingCount() == 0)
        #expect(transport.pullCursors.count == 5, "two timeouts, then the three pages")
    }

    @Test func reportsEachPulledPageAsItArrives() throws {
        let directory = try TemporaryDirectory()
        let (_, transport) = try seededServer(directory, participants: 10)
        let replica = try ForumFixtures.replica(directory, name: "dev-b")
        var configuration = ClientConfiguration(pullPageSize: 3)
        configuration.pullRecordsPerTransaction = 6
        var arrived: [Int] = []
        try SyncEngine(replica: replica, transport: transport, configuration: configuration).sync { event in
            if case .receiving(let received, _) = event { arrived.append(received) }
        }
        #expect(arrived == [3, 6, 9, 10])
    }

    @Test func givesUpAfterTheConfiguredAttemptsKeepingChangesPending() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 2)
        let transport = try FakeTransport(directory: directory)
        transport.pushFailures = Array(repeating: ClientError(.serverUnreachable, "u"), count: 5)
        let (engine, log) = engine(replica, transport, attempts: 3)
        do { try engine.sync(); Issue.record("expected failure") } catch { #expect(error.code == .serverUnreachable) }
        #expect(log.delays == [0.5, 1])
        #expect(try replica.pendingCount() == 2)
        #expect(try replica.lastSuccessfulSync() == nil)
    }

    @Test func doesNotRetryPermanentFailures() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 1)
        let transport = try FakeTransport(directory: directory)
        transport.pushFailures = [ClientError(.deviceRevoked, "r", detailCode: "device_revoked"),
                                  ClientError(.serverError, "500", detailCode: "500")]
        let (engine, log) = engine(replica, transport)
        do { try engine.sync(); Issue.record("expected failure") } catch { #expect(error.code == .deviceRevoked) }
        #expect(log.delays.isEmpty)
        #expect(try replica.pendingCount() == 1)
    }

    @Test func storesEachPageWithItsCursorSoAnInterruptedPullResumes() throws {
        let directory = try TemporaryDirectory()
        let (seeder, transport) = try seededServer(directory, participants: 10)

        let replica = try ForumFixtures.replica(directory, name: "dev-b")
        transport.failPullsAfter = transport.successfulPulls + 2
        let (interrupted, _) = engine(replica, transport, page: 3, attempts: 1)
        do { try interrupted.sync(); Issue.record("expected failure") } catch { #expect(error.code == .serverUnreachable) }
        // Two pages stored, and exactly their cursor.
        #expect(try replica.store.count(in: Participant.collection) == 6)
        let cursor = try #require(try replica.pullCursor())
        transport.failPullsAfter = nil
        let summary = try engine(replica, transport, page: 3).0.sync()
        #expect(transport.pullCursors.last(where: { $0 == cursor }) != nil)
        #expect(summary.received == 4)
        #expect(try replica.canonicalExport() == seeder.canonicalExport())
    }

    @Test func storesSeveralPagesPerTransactionWithTheCursorOfTheLastOne() throws {
        let directory = try TemporaryDirectory()
        let (seeder, transport) = try seededServer(directory, participants: 10)

        let replica = try ForumFixtures.replica(directory, name: "dev-b")
        var configuration = ClientConfiguration(pullPageSize: 3)
        configuration.pullRecordsPerTransaction = 6
        var stored: [Int] = []
        try SyncEngine(replica: replica, transport: transport, configuration: configuration).sync { event in
            if case .pulled(let received, _) = event { stored.append(received) }
        }
        // Pages of 3, 3 | 3, 1: two transactions, the second one ending the feed.
        #expect(stored == [6, 10])
        #expect(try replica.canonicalExport() == seeder.canonicalExport())
        // The stored cursor is the last page's: the next sync asks with it and gets nothing.
        let cursor = try #require(try replica.pullCursor())
        #expect(try SyncEngine(replica: replica, transport: transport, configuration: configuration).sync().received == 0)
        #expect(transport.pullCursors.last == cursor)
    }

    @Test func prefetchingRequestsEachPageOnceAndStoresTheSameAsWithout() throws {
        let directory = try TemporaryDirectory()
        let (seeder, transport) = try seededServer(directory, participants: 11)
        var exports: [[UInt8]] = []
        var cursorLists: [[String?]] = []
        for (index, prefetch) in [3, 0].enumerated() {
            let replica = try ForumFixtures.replica(directory, name: "dev-\(index)")
            var configuration = ClientConfiguration(pullPageSize: 2)
            configuration.pullPrefetchPages = prefetch
            configuration.pullRecordsPerTransaction = 4
            let before = transport.pullCursors.count
            let summary = try SyncEngine(replica: replica, transport: transport, configuration: configuration).sync()
            #expect(summary.received == 11)
            cursorLists.append(Array(transport.pullCursors[before...]))
            exports.append(try replica.canonicalExport())
        }
        #expect(cursorLists[0] == cursorLists[1])
        #expect(Set(cursorLists[0].map { $0 ?? "" }).count == cursorLists[0].count) // no page asked for twice
        #expect(exports[0] == exports[1])
        #expect(exports[0] == (try seeder.canonicalExport()))
    }

    /// A refused record the server does not hold (§8): the device keeps the reason and
    /// drops its copy; nothing of it is pending any more.
    @Test func recordsRefusedWritesAndDropsARecordTheServerDoesNotHold() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participant(in: replica, id: "p1")
        try ForumFixtures.participant(in: replica, id: "p2")
        let transport = try FakeTransport(directory: directory)
        transport.refuse = ["p2": "outside_scope"]
        let summary = try engine(replica, transport).0.sync()
        #expect(summary.refused.map(\.id) == ["p2"])
        #expect(summary.refused.first?.code == "outside_scope")
        #expect(try replica.refusedWrites().map(\.code) == ["outside_scope"])
        #expect(try replica.state(collection: Participant.collection, id: "p2") == nil)
        #expect(try replica.state(collection: Participant.collection, id: "p1") != nil)
        #expect(try replica.pendingCount() == 0)
    }

    @Test func refusesAnAnswerForAnotherBatch() throws {
        let directory = try TemporaryDirectory()
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: 2)
        let wrong = PushResponse(batch: "other", results: [], serverTime: nil)
        let sent = try replica.pendingChanges(limit: 10)
        #expect(throws: ClientError.self) { try SyncEngine.check(wrong, batch: "p1-2-2", sent: sent) }
    }
}

final class DelayLog: @unchecked Sendable {
    var delays: [Double] = []
}


@Suite struct SyncEngineCursorRecoveryTests {
    /// A replica with `participants` records, synced once so it holds a pull cursor.
    func syncedOnce(_ directory: TemporaryDirectory, participants: Int) throws -> (LocalReplica, FakeTransport, SyncEngine) {
        let replica = try ForumFixtures.replica(directory)
        try ForumFixtures.participants(in: replica, count: participants)
        let transport = try FakeTransport(directory: directory)
        let configuration = ClientConfiguration(retryAttempts: 1, retryBaseDelaySeconds: 0, retryMaximumDelaySeconds: 0,
                                                pushBatchSize: 500, pullPageSize: 500)
        let engine = SyncEngine(replica: replica, transport: transport, configuration: configuration)
        _ = try engine.sync()
        return (replica, transport, engine)
    }

    static let invalidCursor = ClientError(.protocolError, "the server answered 400", detailCode: "invalid_cursor")

    @Test func pullsFromTheBeginningWhenTheServerNoLongerKnowsTheCursor() throws {
        let directory = try TemporaryDirectory()
        let (replica, transport, engine) = try syncedOnce(directory, participants: 3)
        #expect(try replica.pullCursor() != nil)
        transport.pullFailures = [Self.invalidCursor]
        let summary = try engine.sync()
        #expect(transport.pullCursors.suffix(2).last == .some(nil), "the retry starts from the beginning")
        #expect(summary.received == 3)
        #expect(try replica.pendingCount() == 0)
    }

    @Test func aSecondInvalidCursorIsAnError() throws {
        let directory = try TemporaryDirectory()
        let (_, transport, engine) = try syncedOnce(directory, participants: 1)
        transport.pullFailures = [Self.invalidCursor, Self.invalidCursor]
        #expect(throws: ClientError.self) { try engine.sync() }
    }
}

/// Passes pushes on to a `FakeTransport`, counting how many are in flight at once and
/// taking its time over each, so that overlapping requests would be seen.
final class OverlapCountingTransport: SyncTransport, @unchecked Sendable {
    let inner: FakeTransport
    private let lock = NSLock()
    private var inFlight = 0
    private(set) var mostInFlight = 0
    private(set) var pushedIDs: [String] = []

    init(_ inner: FakeTransport) { self.inner = inner }

    func enroll(code: String) throws(ClientError) -> EnrollmentGrant { try inner.enroll(code: code) }
    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage { try inner.pull(cursor: cursor, limit: limit) }
    func confirmWipe(removed: Int) throws(ClientError) { try inner.confirmWipe(removed: removed) }
    func reportAudit(_ events: [DeviceAuditEvent]) throws(ClientError) -> Int { try inner.reportAudit(events) }

    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse {
        lock.withLock {
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
            pushedIDs += records.map(\.id)
        }
        defer { lock.withLock { inFlight -= 1 } }
        Thread.sleep(forTimeInterval: 0.005)
        return try inner.push(batch: batch, records: records)
    }
}

/// Seconds of simulated time, for deadline tests that must not sleep.
final class SimulatedClock: @unchecked Sendable {
    var now: Double = 0
}

/// A server that accepts connections and never answers: each call waits (in simulated
/// time) the whole answer deadline and times out.
final class SilentTransport: SyncTransport {
    let clock: SimulatedClock
    let answerDeadline: Double
    private(set) var tries = 0

    init(clock: SimulatedClock, answerDeadline: Double) {
        self.clock = clock
        self.answerDeadline = answerDeadline
    }

    private func hang() -> ClientError {
        tries += 1
        clock.now += answerDeadline
        return ClientError(.timeout, "the server did not answer in time")
    }

    func enroll(code: String) throws(ClientError) -> EnrollmentGrant { throw hang() }
    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse { throw hang() }
    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage { throw hang() }
    func confirmWipe(removed: Int) throws(ClientError) { throw hang() }
    func reportAudit(_ events: [DeviceAuditEvent]) throws(ClientError) -> Int { throw hang() }
}
