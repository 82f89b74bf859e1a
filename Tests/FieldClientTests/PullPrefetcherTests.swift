@testable import FieldClient

import Foundation
import SyncCore
import Testing

/// A transport that answers pulls with empty pages named after the cursor asked for,
/// counting calls; `failures` are thrown first, in order.
private final class CountingTransport: SyncTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String?] = []
    var failures: [ClientError] = []

    var requested: [String?] { lock.withLock { calls } }

    func enroll(code: String) throws(ClientError) -> EnrollmentGrant { throw ClientError(.notFound, "not used") }
    func push(batch: String, records: [RecordState]) throws(ClientError) -> PushResponse { throw ClientError(.notFound, "not used") }
    func pull(cursor: String?, limit: Int) throws(ClientError) -> PullPage {
        let failure: ClientError? = lock.withLock {
            calls.append(cursor)
            return failures.isEmpty ? nil : failures.removeFirst()
        }
        if let failure { throw failure }
        return PullPage(records: [], cursor: "after-\(cursor ?? "start")", more: true)
    }
}

@Suite struct PullPrefetcherTests {
    @Test func usesThePrefetchedPageOnceForTheCursorItWasFetchedFor() throws {
        let transport = CountingTransport()
        let prefetcher = PullPrefetcher(transport: transport)
        prefetcher.prefetch(cursor: "c1", limit: 10)
        #expect(try prefetcher.page(cursor: "c1", limit: 10).cursor == "after-c1")
        #expect(transport.requested == ["c1"])
        // Asked again, the page is fetched anew: a prefetched answer is used only once.
        #expect(try prefetcher.page(cursor: "c1", limit: 10).cursor == "after-c1")
        #expect(transport.requested == ["c1", "c1"])
    }

    @Test func discardsAPrefetchForAnotherCursorOrLimitAfterItFinished() throws {
        let transport = CountingTransport()
        let prefetcher = PullPrefetcher(transport: transport)
        prefetcher.prefetch(cursor: "c1", limit: 10)
        #expect(try prefetcher.page(cursor: nil, limit: 10).cursor == "after-start")
        prefetcher.prefetch(cursor: "c2", limit: 10)
        #expect(try prefetcher.page(cursor: "c2", limit: 20).cursor == "after-c2")
        // Never two requests at once: the discarded prefetch completed before the next call.
        #expect(transport.requested == ["c1", nil, "c2", "c2"])
    }

    @Test func aPrefetchedFailureIsThrownOnceAsTheFirstTry() throws {
        let transport = CountingTransport()
        transport.failures = [ClientError(.timeout, "slow")]
        let prefetcher = PullPrefetcher(transport: transport)
        prefetcher.prefetch(cursor: "c1", limit: 10)
        #expect(throws: ClientError.self) { try prefetcher.page(cursor: "c1", limit: 10) }
        #expect(try prefetcher.page(cursor: "c1", limit: 10).cursor == "after-c1")
        #expect(transport.requested == ["c1", "c1"])
    }

    @Test func finishWaitsForTheOutstandingRequestAndDropsItsAnswer() throws {
        let transport = CountingTransport()
        let prefetcher = PullPrefetcher(transport: transport)
        prefetcher.prefetch(cursor: "c1", limit: 10)
        prefetcher.finish()
        #expect(transport.requested == ["c1"])
        _ = try prefetcher.page(cursor: "c1", limit: 10)
        #expect(transport.requested == ["c1", "c1"])
    }
}
