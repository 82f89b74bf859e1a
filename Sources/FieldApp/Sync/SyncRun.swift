import FieldClient
import Foundation

/// A sync started by the button, running in the background: what it has done so far, for
/// the progress page. Thread-safe: the sync's thread reports, pages read.
final class SyncRun: @unchecked Sendable {
    /// What the sync has done so far.
    struct Snapshot: Equatable {
        /// Local changes pushed so far, of `total`.
        var sent = 0
        var total = 0
        /// Whether anything was pushed or the push found nothing to send.
        var pushed = false
        /// Records fetched so far.
        var received = 0
        /// A transient failure: the next try's number and the wait before it.
        var retryAttempt: Int?
        var retrySeconds: Double?
        /// Whether the sync has ended (its result is in `FieldApp.lastSync`).
        var finished = false
    }

    private let lock = NSLock()
    private var snapshot = Snapshot()

    /// What the sync has done so far.
    var current: Snapshot { lock.withLock { snapshot } }

    /// The engine's progress callback (`SyncEngine.sync(progress:)`).
    func report(_ progress: SyncProgress) {
        lock.withLock {
            switch progress {
            case .pushed(let sent, let total):
                snapshot.sent = sent
                snapshot.total = total
                snapshot.pushed = true
                snapshot.retryAttempt = nil
            case .receiving(let received, _), .pulled(let received, _):
                snapshot.received = max(snapshot.received, received)
                snapshot.retryAttempt = nil
            case .retrying(let attempt, let delay, _):
                snapshot.retryAttempt = attempt + 1
                snapshot.retrySeconds = delay
            }
        }
    }

    /// Marks the sync ended.
    func finish() { lock.withLock { snapshot.finished = true } }
}
