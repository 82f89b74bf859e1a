import Foundation
import SQLite
import SyncCore
import Testing
import TestSupport
@testable import SyncServer

/// Group commit (`SyncServerConfiguration.groupCommit`): concurrent pushes share one write
/// transaction, each answered only after the COMMIT that holds it, and a push refused as a
/// whole inside a group costs the others nothing.
@Suite struct GroupCommitTests {
    /// Holds the first group back until `count` pushes wait behind it, so the next group
    /// holds exactly those (a deterministic group, whatever the threads' timing).
    final class GroupGate: @unchecked Sendable {
        let release = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var held = false
        private(set) var groups: [Int] = []
        func pass(_ group: [GroupCommitQueue.Job]) {
            let first = lock.withLock { () -> Bool in
                groups.append(group.count)
                defer { held = true }
                return !held
            }
            if first { release.wait() }
        }
        var groupSizes: [Int] { lock.withLock { groups } }
    }

    /// Waits (bounded) until `condition` holds; a wait, not a timing assertion.
    func waitUntil(_ condition: () -> Bool) throws {
        for _ in 0..<2_000 where !condition() { Thread.sleep(forTimeInterval: 0.005) }
        try #require(condition())
    }

    /// The records stored in the database file, as a separate connection (another process,
    /// or the server after a crash) sees them: committed data only.
    func committedIDs(_ fixture: ServerFixture) throws -> Set<String> {
        let connection = try Connection(path: fixture.directory.url.path + "/" + ServerStore.fileName)
        return Set(try connection.query("SELECT id FROM record") { try $0.text(at: 0) })
    }

    @Test func concurrentPushesFromSeveralDevicesAreWrittenInOneGroupAndAllAcknowledgedAndDurable() throws {
        let fixture = try ServerFixture()
        #expect(fixture.database.configuration.groupCommit.enabled)
        let gate = GroupGate()
        fixture.database.pushGroups.beforeWrite = { gate.pass($0) }
        let devices = try (0..<6).map { _ in try fixture.enrol() }
        let answered = LockedIDs(), failures = LockedIDs(), seenCommitted = LockedIDs()
        let finished = BlockingWorkers.start(count: devices.count) { index in
            do {
                let forums = try (0..<3).map { try Records.forum("g-\(index)-\($0)", municipality: "Södertälje",
                                                                  by: devices[index].replica) }
                let response = try fixture.push(forums, token: devices[index].token)
                let statuses = response.json?["results"]?.arrayValue?.compactMap { $0["status"]?.stringValue } ?? []
                guard response.status == 200, statuses == ["merged", "merged", "merged"] else {
                    failures.insert("device \(index): \(response.status) \(statuses)")
                    return
                }
                // Answered only after its COMMIT: another connection sees the records now.
                let committed = try self.committedIDs(fixture)
                for forum in forums {
                    answered.insert(forum.id)
                    if committed.contains(forum.id) { seenCommitted.insert(forum.id) }
                }
            } catch {
                failures.insert("device \(index): \(error)")
            }
        }
        // The first push is held back as it is about to be written; the other five queue up.
        try waitUntil { fixture.database.pushGroups.queuedCount == devices.count - 1 }
        gate.release.signal()
        finished.wait()
        #expect(failures.values.isEmpty)
        #expect(gate.groupSizes == [1, devices.count - 1])
        #expect(answered.values.count == 18)
        #expect(seenCommitted.values == answered.values)
        // Durable: the file, read afresh (as after a crash or restart), holds every one.
        #expect(answered.values.isSubset(of: try committedIDs(fixture)))
        #expect(answered.values.isSubset(of: Set(try fixture.pullAll(token: devices[0].token).map(\.id))))
    }

    @Test func aPushRefusedAsAWholeInsideAGroupLosesNoneOfTheOthersWrites() throws {
        let fixture = try ServerFixture()
        let gate = GroupGate()
        fixture.database.pushGroups.beforeWrite = { gate.pass($0) }
        let devices = try (0..<4).map { _ in try fixture.enrol() }
        let statuses = LockedResults()
        let forum = { (id: String, device: Int) throws -> RecordState in
            try Records.forum(id, municipality: "Södertälje", by: devices[device].replica)
        }
        // Pushes queued one after another so the group's order is known: device 0 is held
        // back alone; then device 1 sends batch "same" twice with different bodies (a resend
        // racing a changed body: the second must be refused 409 batch_id_reused), and
        // devices 2 and 3 push in the same group, 3 with a forum of another municipality,
        // which is refused record by record.
        let plan: [(device: Int, batch: String, records: [RecordState])] = [
            (0, "lead", [try forum("r-0", 0)]),
            (1, "same", [try forum("r-1a", 1)]),
            (1, "same", [try forum("r-1b", 1)]),
            (2, "two", [try forum("r-2", 2)]),
            (3, "three", [try forum("r-3", 3), try Records.forum("r-3x", municipality: "Nacka", by: devices[3].replica)]),
        ]
        let group = DispatchGroup()
        for (step, push) in plan.enumerated() {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let response = try fixture.push(push.records, token: devices[push.device].token, batch: push.batch)
                    let results = response.json?["results"]?.arrayValue?.compactMap { $0["status"]?.stringValue } ?? []
                    let code = response.json?["error"]?["code"]?.stringValue ?? ""
                    statuses.set(step, "\(response.status) \(code)\(results)")
                } catch {
                    statuses.set(step, "error \(error)")
                }
            }
            thread.start()
            // Step 0 is the leader, held at the gate; each later one waits in the queue.
            try waitUntil { step == 0 ? !gate.groupSizes.isEmpty : fixture.database.pushGroups.queuedCount == step }
        }
        gate.release.signal()
        group.wait()
        #expect(gate.groupSizes == [1, 4])
        let answers = statuses.values
        #expect(answers[0] == "200 [\"merged\"]")
        #expect(answers[1] == "200 [\"merged\"]")
        #expect(answers[2] == "409 batch_id_reused[]")
        #expect(answers[3] == "200 [\"merged\"]")
        #expect(answers[4] == "200 [\"merged\", \"refused\"]")
        let stored = try committedIDs(fixture)
        #expect(stored.isSuperset(of: ["r-0", "r-1a", "r-2", "r-3"]))
        #expect(!stored.contains("r-1b"))
        #expect(!stored.contains("r-3x"))
        // The refused body left nothing behind: its batch still replays the first body's answer.
        let replay = try fixture.push(plan[1].records, token: devices[1].token, batch: "same")
        #expect(replay.status == 200)
        // The group's pushes were each counted once in the day's activity.
        let pushes = try Connection(path: fixture.directory.url.path + "/" + ServerStore.fileName)
            .queryOne("SELECT SUM(pushes) FROM sync_day") { try $0.int64(at: 0) }
        #expect(pushes == 4)
    }

    @Test func withGroupCommitOffEachPushIsItsOwnTransactionAndNothingQueues() throws {
        let fixture = try ServerFixture { $0.groupCommit.enabled = false }
        let gate = GroupGate()
        fixture.database.pushGroups.beforeWrite = { gate.pass($0) }
        let device = try fixture.enrol()
        let response = try fixture.push([try Records.forum("off-1", municipality: "Södertälje", by: device.replica)],
                                        token: device.token)
        #expect(response.status == 200)
        #expect(gate.groupSizes.isEmpty)
        #expect(try committedIDs(fixture).contains("off-1"))
    }
}

/// Answers by step, shared between threads.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Int: String] = [:]
    func set(_ step: Int, _ value: String) { lock.withLock { answers[step] = value } }
    var values: [Int: String] { lock.withLock { answers } }
}
