import Foundation
import SyncCore
import SyncProtocol

/// Fetches the next pull pages on a thread of its own while the engine stores earlier
/// ones, so the network, the server and decoding overlap with SQLite's writes.
///
/// Started at a cursor, the fetcher follows the feed by itself: each answer's cursor is the
/// next request's, until the feed ends, a request fails, or `depth` answers wait unused.
/// The transport is never called from two threads at once: `page(cursor:limit:)` stops
/// the fetcher and waits for it before it asks for anything the fetcher does not hold. A
/// fetched answer (page or error) counts as the first try of that page, so retries,
/// `invalid_cursor` restarts and error reporting work exactly as without prefetching.
final class PullPrefetcher: @unchecked Sendable {
    /// A page, with its records' canonical JSON when the fetching thread encoded them.
    struct Fetched {
        let page: PullPage
        /// `page.records.map(\.canonicalJSON)`, done on the fetching thread (which has time
        /// to spare) rather than on the storing one; `nil` for a page fetched on demand.
        let encoded: [[UInt8]]?
    }

    private struct Answer {
        let cursor: String?
        let limit: Int
        let result: Result<Fetched, ClientError>
    }

    private let transport: any SyncTransport
    private let depth: Int
    private let condition = NSCondition()
    /// Answers fetched and not yet taken, in feed order.
    private var answers: [Answer] = []
    /// Whether the fetching thread runs.
    private var running = false
    /// Set to make the fetching thread stop after its current request.
    private var stopping = false

    /// - Parameter depth: the most answers fetched ahead and not yet taken (at least 1).
    init(transport: any SyncTransport, depth: Int) {
        self.transport = transport
        self.depth = max(1, depth)
    }

    /// Starts following the feed from `cursor` in the background, unless the fetcher is
    /// already doing so.
    func prefetch(cursor: String?, limit: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard !running, answers.isEmpty else { return }
        running = true
        stopping = false
        let thread = Thread { [self] in follow(from: cursor, limit: limit) }
        thread.name = "forum.pull-prefetch"
        thread.start()
    }

    /// The page after `cursor`: the fetched answer when the fetcher holds (or is fetching)
    /// it, used once; otherwise a request made now on the calling thread.
    func page(cursor: String?, limit: Int) throws(ClientError) -> Fetched {
        condition.lock()
        while true {
            if let first = answers.first {
                answers.removeFirst()
                if first.cursor == cursor, first.limit == limit {
                    condition.broadcast() // room for the fetcher again
                    condition.unlock()
                    return try first.result.get()
                }
                stopAndDrop()
                break
            }
            guard running else { break }
            condition.wait()
        }
        condition.unlock()
        return Fetched(page: try transport.pull(cursor: cursor, limit: limit), encoded: nil)
    }

    /// Stops the fetcher, waits for its request in flight and drops what it fetched.
    func finish() {
        condition.lock()
        stopAndDrop()
        condition.unlock()
    }

    /// Call with the lock held.
    private func stopAndDrop() {
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        answers.removeAll()
    }

    /// The fetching thread's loop.
    private func follow(from start: String?, limit: Int) {
        var cursor = start
        while true {
            let result = Result { () throws(ClientError) -> Fetched in
                let page = try transport.pull(cursor: cursor, limit: limit)
                return Fetched(page: page, encoded: page.records.map(\.canonicalJSON))
            }
            condition.lock()
            if !stopping { answers.append(Answer(cursor: cursor, limit: limit, result: result)) }
            condition.broadcast() // an answer for a waiting `page(cursor:limit:)`
            while !stopping, answers.count >= depth { condition.wait() }
            guard !stopping, case .success(let fetched) = result, fetched.page.more else {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
            cursor = fetched.page.cursor
        }
    }
}
