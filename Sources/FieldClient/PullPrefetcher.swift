import Foundation
import SyncCore

/// Fetches the next pull page on a thread of its own while the engine stores the current
/// one, so the network, the server and decoding overlap with SQLite's writes.
///
/// At most one request is outstanding, and the transport is never called from two threads
/// at once: `page(cursor:limit:)` waits for the outstanding request before it asks for
/// anything else. A prefetched answer (page or error) counts as the first try of that page,
/// so retries, `invalid_cursor` restarts and error reporting work exactly as without it.
final class PullPrefetcher: @unchecked Sendable {
    private let transport: any SyncTransport
    private let condition = NSCondition()
    /// The cursor and limit of the outstanding or finished prefetch, if any.
    private var request: (cursor: String?, limit: Int)?
    private var result: Result<PullPage, ClientError>?
    private var running = false

    init(transport: any SyncTransport) { self.transport = transport }

    /// Starts fetching the page after `cursor` in the background.
    func prefetch(cursor: String?, limit: Int) {
        condition.lock()
        waitWhileRunning()
        request = (cursor, limit)
        result = nil
        running = true
        condition.unlock()
        let thread = Thread { [self] in
            let fetched = Result { () throws(ClientError) -> PullPage in try transport.pull(cursor: cursor, limit: limit) }
            condition.lock()
            result = fetched
            running = false
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "forum.pull-prefetch"
        thread.start()
    }

    /// The page after `cursor`: the prefetched answer when it was for this cursor (used
    /// once), otherwise a request made now on the calling thread.
    func page(cursor: String?, limit: Int) throws(ClientError) -> PullPage {
        condition.lock()
        waitWhileRunning()
        let prefetched: Result<PullPage, ClientError>?
        if let request, request.cursor == cursor, request.limit == limit { prefetched = result } else { prefetched = nil }
        request = nil
        result = nil
        condition.unlock()
        if let prefetched { return try prefetched.get() }
        return try transport.pull(cursor: cursor, limit: limit)
    }

    /// Waits for an outstanding request and drops its answer; nothing runs afterwards.
    func finish() {
        condition.lock()
        waitWhileRunning()
        request = nil
        result = nil
        condition.unlock()
    }

    /// Call with the lock held.
    private func waitWhileRunning() {
        while running { condition.wait() }
    }
}
