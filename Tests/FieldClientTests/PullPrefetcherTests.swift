@testable import FieldClient

import Foundation
import SyncCore
import SyncProtocol
import Testing

/// A feed of empty pages: cursor "cN" answers with cursor "c(N+1)", more until `last`;
/// `nil` starts at c0. Counts calls and the most that ever ran at once; `failures` are
/// thrown first, in order.
private final class CountingTransport: SyncTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String?] = []
    private var inFlight = 0
    private var mostInFlight = 0
    var failures: [ClientError] = []
    let last: Int

    init(last: Int = 5) { self.last = last }

    var requested: [String?] { lock.withLock { calls } }
    var concurrency: Int { lock.withLock { mostInFlight } }

    func enroll(code: String) throws(ClientError) -> EnrollmentGrant { throw ClientError(.notFound, "not used") }
    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse { throw ClientError(.notFound, "not used") }
    func confirmWipe(removed: Int) throws(ClientError) { throw ClientError(.notFound, "not used") }
    func reportAudit(_ events: [DeviceAuditEvent]) throws(ClientError) -> Int { throw ClientError(.notFound, "not used") }
    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage {
        let failure: ClientError? = lock.withLock {
            calls.append(cursor)
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
            return failures.isEmpty ? nil : failures.removeFirst()
        }
        usleep(1_000) // long enough for another thread to overlap, were it allowed to
        lock.withLock { inFlight -= 1 }
        if let failure { throw failure }
        let number = cursor.flatMap { Int($0.dropFirst()) }.map { $0 + 1 } ?? 0
        return PullPage(records: [], cursor: "c\(number)", more: number < last)
    }

    /// Waits (up to 5 s) until `count` requests were made.
    func waitForRequests(_ count: Int) {
        for _ in 0..<5_000 where requested.count < count { usleep(1_000) }
    }
}

@Suite struct PullPrefetcherTests {
    @Test func followsTheFeedAskingForEachPageOnce() throws {
        let transport = CountingTransport(last: 5)
        let prefetcher = PullPrefetcher(transport: transport, depth: 2)
        var cursor: String? = nil
        prefetcher.prefetch(cursor: cursor, limit: 10)
        var cursors: [String] = []
        while true {
            let fetched = try prefetcher.page(cursor: cursor, limit: 10)
            let page = fetched.page
            #expect(fetched.encoded?.count == page.records.count) // encoded by the fetching thread
            cursors.append(page.cursor)
            guard page.more else { break }
            prefetcher.prefetch(cursor: page.cursor, limit: 10) // already following: no second fetcher
            cursor = page.cursor
        }
        #expect(cursors == ["c0", "c1", "c2", "c3", "c4", "c5"])
        #expect(transport.requested == [nil, "c0", "c1", "c2", "c3", "c4"])
        #expect(transport.concurrency == 1)
    }

    @Test func fetchesAtMostDepthPagesAhead() {
        let transport = CountingTransport(last: 100)
        let prefetcher = PullPrefetcher(transport: transport, depth: 2)
        prefetcher.prefetch(cursor: nil, limit: 10)
        transport.waitForRequests(2)
        // Two answers wait unused: a third request can only start once one is taken.
        prefetcher.finish()
        #expect(transport.requested == [nil, "c0"])
    }

    @Test func anotherCursorStopsTheFetcherBeforeAskingDirectly() throws {
        let transport = CountingTransport(last: 100)
        let prefetcher = PullPrefetcher(transport: transport, depth: 3)
        prefetcher.prefetch(cursor: "c10", limit: 10)
        #expect(try prefetcher.page(cursor: "c50", limit: 10).page.cursor == "c51")
        #expect(transport.requested.last == "c50")
        #expect(transport.concurrency == 1)
        // Nothing fetched for the old cursors is used later.
        #expect(try prefetcher.page(cursor: "c11", limit: 10).page.cursor == "c12")
        #expect(transport.requested.last == "c11")
    }

    @Test func aFetchedFailureIsThrownOnceAsTheFirstTryAndStopsTheFetcher() throws {
        let transport = CountingTransport(last: 5)
        transport.failures = [ClientError(.timeout, "slow")]
        let prefetcher = PullPrefetcher(transport: transport, depth: 2)
        prefetcher.prefetch(cursor: "c1", limit: 10)
        #expect(throws: ClientError.self) { try prefetcher.page(cursor: "c1", limit: 10) }
        #expect(try prefetcher.page(cursor: "c1", limit: 10).page.cursor == "c2")
        #expect(transport.requested == ["c1", "c1"])
    }

    @Test func finishWaitsForTheRequestInFlightAndDropsTheAnswers() throws {
        let transport = CountingTransport(last: 5)
        let prefetcher = PullPrefetcher(transport: transport, depth: 2)
        prefetcher.prefetch(cursor: "c1", limit: 10)
        prefetcher.finish()
        let made = transport.requested.count
        _ = try prefetcher.page(cursor: "c1", limit: 10)
        #expect(transport.requested.count == made + 1)
        #expect(transport.concurrency == 1)
    }
}
