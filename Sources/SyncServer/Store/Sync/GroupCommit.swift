import Foundation

/// How concurrent pushes share write transactions (`SyncServerConfiguration.groupCommit`).
///
/// With group commit on, a push that arrives while another is being written waits in a
/// queue; the push whose request is handled first takes the writer's role and merges the
/// queued pushes one after another in one transaction, each in a savepoint of its own, and
/// commits them together. Every device is answered only after the COMMIT that holds its
/// push returned; a push refused as a whole (or failing) is rolled back to its savepoint
/// and answered with its own error, and the others of its group are stored as if it had
/// not been there. Off: each push is its own transaction, as before.
public struct GroupCommit: Sendable, Equatable {
    /// Whether pushes share transactions. Default `true`: with durable commits (every
    /// COMMIT synced, `SyncServerConfiguration.synchronous`) a group shares its syncs, and
    /// `forum-bench devices` gave 1.2–1.5× the syncs/s of `false` (BENCHMARKS.md, "Durable
    /// commits and group commit (session 10)").
    public var enabled: Bool
    /// Most pushes in one transaction. Default 32. The queue is at most as long as the HTTP
    /// server's worker threads (`http.workerThreadCount`, 16) anyway.
    public var maxRequests: Int
    /// Milliseconds the writer waits for more pushes before it begins a group, unless
    /// `maxRequests` are already waiting. Default 0: a group is whatever queued while the
    /// previous one was written, so a lone push never waits (1–3 ms gained nothing at 50
    /// devices and cost 18 % of the syncs/s at 200, in the same benchmark).
    public var windowMilliseconds: Double

    /// Creates the configuration; every parameter defaults to the documented default.
    public init(enabled: Bool = true, maxRequests: Int = 32, windowMilliseconds: Double = 0) {
        self.enabled = enabled
        self.maxRequests = maxRequests
        self.windowMilliseconds = windowMilliseconds
    }
}

/// The queue of pushes waiting to be written together, and the hand-over of the writer's
/// role: no thread of its own, the handler thread of one waiting push writes each group
/// (the leader), and when it has written its own push it hands the role to the next one
/// waiting, so every handler returns as soon as its push is committed.
final class GroupCommitQueue: @unchecked Sendable {
    /// One queued push: its work and, once written, its result.
    final class Job: @unchecked Sendable {
        let work: () throws -> PushOutcome
        fileprivate var result: Result<PushOutcome, any Error>?
        fileprivate var leads = false
        fileprivate let wake = DispatchSemaphore(value: 0)
        init(_ work: @escaping () throws -> PushOutcome) { self.work = work }
        /// Sets the result (by the leader, after the group's transaction ended).
        func complete(_ result: Result<PushOutcome, any Error>) { self.result = result }
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var leaderActive = false
    private let configuration: GroupCommit

    /// Called by the leader before it writes each group (tests hold a group back here to
    /// let others queue up behind it). Set it before any push arrives.
    var beforeWrite: (@Sendable ([Job]) -> Void)?

    init(configuration: GroupCommit) { self.configuration = configuration }

    /// How many pushes wait in the queue now (not the group being written).
    var queuedCount: Int { condition.withLock { queue.count } }

    /// Queues `job` and returns once the transaction holding it has committed (or failed).
    /// - Parameter write: writes a group (in one transaction) and sets each job's result.
    func submit(_ job: Job, write: ([Job]) -> Void) throws -> PushOutcome {
        condition.lock()
        queue.append(job)
        condition.signal()
        if leaderActive {
            condition.unlock()
            job.wake.wait()
            // Woken either with a result, or to write the next group as its leader.
            if !job.leads, let result = job.result { return try result.get() }
        } else {
            leaderActive = true
            condition.unlock()
        }
        lead(job, write: write)
        guard let result = job.result else { throw SyncServerError(.internalError, "A queued push was not written.") }
        return try result.get()
    }

    /// Writes groups until `own` has its result, then hands the role on.
    private func lead(_ own: Job, write: ([Job]) -> Void) {
        let limit = max(1, configuration.maxRequests)
        while own.result == nil {
            condition.lock()
            if configuration.windowMilliseconds > 0, queue.count < limit {
                let deadline = Date(timeIntervalSinceNow: configuration.windowMilliseconds / 1000)
                while queue.count < limit, condition.wait(until: deadline) {}
            }
            let group = Array(queue.prefix(limit))
            queue.removeFirst(group.count)
            condition.unlock()
            beforeWrite?(group)
            write(group)
            for job in group where job !== own { job.wake.signal() }
        }
        condition.lock()
        if let next = queue.first {
            next.leads = true
            condition.unlock()
            next.wake.signal()
        } else {
            leaderActive = false
            condition.unlock()
        }
    }
}
