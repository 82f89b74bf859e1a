import Foundation
import Testing
import ForumModel
import SyncCore
import TestSupport
@testable import SyncServer

/// Every path that writes a record state on the server passes the one gate
/// (`ServerDatabase.admit`) and is stored by `commit` (issue 15). A new path fails here
/// twice: its `WritePath` case has no refusal case below (the switch is exhaustive), and
/// a store write outside `WriteGate.swift` is found in the sources.
@Suite struct WritePathEnumerationTests {
    /// Each path tried with a write the gate must refuse; nothing may be stored.
    @Test(arguments: WritePath.allCases)
    func everyWritePathRefusesWhatTheGateRefuses(_ path: WritePath) throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let meeting = try Records.meeting(by: device.replica)
        #expect(try fixture.push(meeting, token: device.token).status == 200)
        let before = try fixture.database.store.state(collection: "forum", id: "f1")
        switch path {
        case .push:
            let bad = try Records.edit(meeting[0], ["kind": "party"], by: device.replica)
            let result = try fixture.push([bad], token: device.token).json?["results"]?.arrayValue?.first
            #expect(result?["reason"]?["code"] == "invalid_field")
        case .adminResolve:
            #expect(throws: SyncServerError.self) { try fixture.database.resolve("forum/f1", field: "kind", .text("party")) }
        case .importStates:
            let bad = try Records.edit(meeting[0], ["kind": "party"], by: device.replica)
            #expect(throws: SyncServerError.self) { try fixture.database.importStates([bad]) }
        case .erasure:
            // Only a participant's identifying fields: anything else is refused by the gate.
            #expect(throws: SyncServerError.self) { try fixture.database.eraseParticipant(id: "f1") }
            let bad = try Records.edit(meeting[0], ["title": "x"], by: .server)
            #expect(fixture.database.lock.withLock { fixture.database.admit(bad, before: before, by: .erasure) } != nil)
        }
        #expect(try fixture.database.store.state(collection: "forum", id: "f1") == before)
    }

    /// The replica store's writing functions are called only by the gate's file (the
    /// tombstone purge included: `WriteGate.purgeTombstone`).
    @Test func onlyTheGateWritesToTheReplicaStore() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SyncServer")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.contains("WriteGate.swift"))
        let writes = ["store.save(", "store.merge(", "store.retag(", "store.update(", "store.purge("]
        for file in files where file != "WriteGate.swift" {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for call in writes {
                #expect(!text.contains(call), "\(file) calls \(call) outside the write gate")
            }
        }
    }
}
