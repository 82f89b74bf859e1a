import ForumModel
import Foundation
import SyncCore

extension LocalReplica {
    /// The retention the server last announced (PROTOCOL.md §14c), `nil` when none.
    public func retentionDays() throws(ClientError) -> Int? { try days(at: Key.retention) }

    func setRetentionDays(_ days: Int?) throws(ClientError) { try setDays(days, at: Key.retention) }

    /// A number of days the server announced, stored under `key`; `nil` when none.
    func days(at key: String) throws(ClientError) -> Int? {
        do { return try store.checkpoint(key).flatMap { Int($0) } } catch { throw ClientError.storage(error) }
    }

    /// Stores (or, for `nil`, removes) a number of days the server announced.
    func setDays(_ days: Int?, at key: String) throws(ClientError) {
        do {
            if let days { try store.setCheckpoint(key, String(days)) } else { try store.removeCheckpoint(key) }
        } catch { throw ClientError.storage(error) }
    }

    /// On a facilitator's laptop: removes the participants whose every attended forum
    /// ended more than the announced retention ago, when nothing of theirs is pending
    /// (their attendance and honoraria stay: they hold no identity). The server and the
    /// coordinators keep them. Not a delete: nothing syncs. Participants who attended no
    /// forum yet, or one ended within the retention, stay.
    /// - Returns: how many participants were removed.
    @discardableResult
    public func applyRetention(now: Date = Date()) throws(ClientError) -> Int {
        guard actor.role == .facilitator, let days = try retentionDays() else { return 0 }
        let horizon = now.addingTimeInterval(-Double(days) * 86_400)
        do {
            let removed = try store.transaction { () throws -> Int in
                let pending = try store.pendingKeys()
                var forums: [String: Forum?] = [:] // each forum read once
                var lastForum: [String: Date] = [:]
                var blocked = Set<String>()
                for attendance in try store.records(in: Attendance.collection, includeDeleted: false, limit: 1_000_000) {
                    guard let participant = attendance[Attendance.Field.participantID]?.stringValue,
                          let forumID = attendance[Attendance.Field.forumID]?.stringValue else { continue }
                    let honorarium = Honorarium.collection + "/" + Honorarium.id(attendanceID: attendance.id)
                    if pending.contains(Attendance.collection + "/" + attendance.id) || pending.contains(honorarium) {
                        blocked.insert(participant)
                    }
                    if forums[forumID] == nil {
                        forums[forumID] = try store.state(collection: Forum.collection, id: forumID).flatMap { try? Forum($0) }
                    }
                    guard let forum = forums[forumID] ?? nil else {
                        blocked.insert(participant) // a forum this laptop cannot judge keeps its people
                        continue
                    }
                    lastForum[participant] = max(lastForum[participant] ?? .distantPast, forum.end)
                }
                var removed = 0
                for (participant, end) in lastForum where end < horizon && !blocked.contains(participant)
                    && !pending.contains(Participant.collection + "/" + participant) {
                    if try store.purge(collection: Participant.collection, id: participant) { removed += 1 }
                }
                return removed
            }
            // Outside the transaction: a checkpoint cannot run inside one.
            if removed > 0 { try store.checkpointAndTruncate() }
            return removed
        } catch { throw ClientError.storage(error) }
    }
}
