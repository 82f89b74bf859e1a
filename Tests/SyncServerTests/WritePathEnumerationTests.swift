import Foundation
import Testing
import ForumModel
import SyncCore
import TestSupport
@testable import SyncServer

/// Every path that writes a record state on the server passes the one gate
/// (`ServerStore.admit`) and is stored by `commit` (issue 15). A new path fails here
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
            #expect(throws: SyncServerError.self) { try fixture.database.conflictDesk.resolve("forum/f1", field: "kind", .text("party")) }
        case .importStates:
            let bad = try Records.edit(meeting[0], ["kind": "party"], by: device.replica)
            #expect(throws: SyncServerError.self) { try fixture.database.recordsOffice.importStates([bad]) }
        case .erasure:
            // Only a participant's identifying fields: anything else is refused by the gate.
            #expect(throws: SyncServerError.self) { try fixture.database.recordsOffice.eraseParticipant(id: "f1") }
            let bad = try Records.edit(meeting[0], ["title": "x"], by: .server)
            #expect(fixture.database.lock.withLock { fixture.database.admit(bad, before: before, by: .erasure) } != nil)
        }
        #expect(try fixture.database.store.state(collection: "forum", id: "f1") == before)
    }

    /// Each path tried with a payee write it may not make (issue 19): only a coordinator's
    /// push writes a payee, and the server's erasure only deletes one.
    @Test(arguments: WritePath.allCases)
    func everyWritePathRefusesAPayeeWriteItMayNotMake(_ path: WritePath) throws {
        let fixture = try ServerFixture()
        let facilitator = try fixture.enrol(role: "facilitator")
        let coordinator = try fixture.enrol(role: "coordinator")
        #expect(try fixture.push(Records.meeting(by: facilitator.replica), token: facilitator.token).status == 200)
        let number = try #require(IdentityNumber(parsing: "811218-9876"))
        let payee = Payee(participantID: "p1", identityNumber: number, payout: .payroll)
        let written = try Records.make(Payee.collection, payee.id, payee.fields, by: coordinator.replica)
        #expect(try fixture.push([written], token: coordinator.token).json?["results"]?.arrayValue?.first?["status"] == "merged")
        let before = try fixture.database.store.state(collection: Payee.collection, id: payee.id)
        switch path {
        case .push:
            // Its own write (one built on the coordinator's would be forged history: the
            // facilitator never received it).
            let bad = try Records.make(Payee.collection, payee.id, [Payee.Field.payout: "bank", Payee.Field.clearingNumber: "8327",
                                                                    Payee.Field.accountNumber: "1"], by: facilitator.replica,
                                       at: HybridTimestamp(wallMillis: Records.start.wallMillis + 1000))
            let result = try fixture.push([bad], token: facilitator.token).json?["results"]?.arrayValue?.first
            #expect(result?["reason"]?["code"] == "collection_forbidden")
        case .adminResolve:
            #expect(throws: SyncServerError.self) {
                try fixture.database.conflictDesk.resolve("payee/\(payee.id)", field: Payee.Field.payout, .text("bank"))
            }
        case .importStates:
            let bad = try Records.edit(written, [Payee.Field.identityNumber: "19811218-9875"], by: .server)
            #expect(throws: SyncServerError.self) { try fixture.database.recordsOffice.importStates([bad]) }
        case .erasure:
            let bad = try Records.edit(written, [Payee.Field.identityNumber: "19850709-9805"], by: .server)
            #expect(fixture.database.lock.withLock { fixture.database.admit(bad, before: before, by: .erasure) } != nil)
        }
        #expect(try fixture.database.store.state(collection: Payee.collection, id: payee.id) == before)
    }

    /// The replica store's writing functions are called only by the gate's file (the
    /// tombstone purge included: `WriteGate.purgeTombstone`).
    @Test func onlyTheGateWritesToTheReplicaStore() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SyncServer")
        // Every Swift file of the module, in its concern folders.
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        let files = (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
        #expect(files.map(\.lastPathComponent).contains("WriteGate.swift"))
        #expect(files.count > 20)
        let writes = ["store.save(", "store.merge(", "store.retag(", "store.resend(", "store.update(", "store.purge("]
        for url in files where url.lastPathComponent != "WriteGate.swift" {
            let file = url.lastPathComponent
            let text = try String(contentsOf: url, encoding: .utf8)
            for call in writes {
                #expect(!text.contains(call), "\(file) calls \(call) outside the write gate")
            }
        }
    }
}
