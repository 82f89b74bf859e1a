import Foundation
import Testing
import ForumModel
import SyncCore
import TestSupport
@testable import SyncServer

/// The outside checks' findings against the one write gate (issue 15), each reproduced
/// through real HTTP: the promises "only your municipality", "nothing forged or lost" and
/// "anonymous stays anonymous" hold on every path.
@Suite struct WriteGateFindingsTests {
    private func results(_ response: RawHTTPResponse) -> [JSONValue] { response.json?["results"]?.arrayValue ?? [] }

    /// Every string value anywhere in a JSON text, for "nothing of the record" checks.
    private func contains(_ response: RawHTTPResponse, _ text: String) -> Bool {
        String(decoding: response.body, as: UTF8.self).contains(text)
    }

    // MARK: 1. A refused write reveals nothing of another municipality's record

    @Test func aProbeAtAnotherMunicipalitysRecordGetsNothingOfItBackEvenWhenRepeated() throws {
        let fixture = try ServerFixture()
        let norrtälje = try fixture.enrol(municipalities: ["Norrtälje"])
        let prober = try fixture.enrol(municipalities: ["Södertälje"])
        var secret = try Records.participant("p-secret", municipality: "Norrtälje", name: "Hemlig-Markör", by: norrtälje.replica,
                                             anonymous: true)
        try secret.write(["contact": .string("markor@example.se")], by: norrtälje.replica, at: Records.start.successor)
        #expect(try fixture.push([secret], token: norrtälje.token).status == 200)

        var counter: UInt64 = 1
        for round in 0..<3 {
            // The probing device writes one field of the record's id with a dot of its own.
            let dot = Dot(replica: prober.replica, counter: counter)
            let probe = try RecordState(collection: "participant", id: "p-secret", context: VersionVector([prober.replica: counter]),
                                        fields: ["displayName": FieldRegister([FieldEntry(value: .string("x"), dot: dot,
                                                                                          time: Records.start)])])
            let response = try fixture.push([probe], token: prober.token)
            #expect(results(response).first?["status"] == "refused")
            #expect(results(response).first?["reason"]?["code"] == "outside_scope")
            #expect(!contains(response, "Hemlig-Markör") && !contains(response, "markor@"))
            let pulled = try fixture.pullAll(token: prober.token)
            #expect(!pulled.contains { $0.id == "p-secret" })
            // Norrtälje changes the record; the next probe must learn nothing of that either.
            secret = try Records.make("participant", "p-secret", ["displayName": .string("Hemlig-Markör-\(round)")],
                                      by: norrtälje.replica, base: secret,
                                      at: HybridTimestamp(wallMillis: Records.start.wallMillis + Int64(round + 2) * 1000))
            #expect(try fixture.push([secret], token: norrtälje.token).status == 200)
            counter += 1
        }
        // The server's record is untouched by the probes: no dot of the prober anywhere.
        let stored = try #require(try fixture.database.store.state(collection: "participant", id: "p-secret"))
        #expect(stored.context[prober.replica] == 0)
    }

    // MARK: 2. A tombstone keeps its scope

    @Test func restoringAnotherMunicipalitysDeletedRecordIsRefused() throws {
        let fixture = try ServerFixture()
        let norrtälje = try fixture.enrol(municipalities: ["Norrtälje"])
        let intruder = try fixture.enrol(municipalities: ["Södertälje"])
        var participant = try Records.participant("p-b", municipality: "Norrtälje", name: "Bo", by: norrtälje.replica)
        #expect(try fixture.push([participant], token: norrtälje.token).status == 200)
        participant.delete(by: norrtälje.replica, at: Records.start.successor)
        #expect(try fixture.push([participant], token: norrtälje.token).status == 200)

        // The intruder restores it, with the server's context, as its own municipality's.
        var takeover = participant
        try takeover.restore(["displayName": "Övertagen", "municipality": "Södertälje"], by: intruder.replica,
                             at: HybridTimestamp(wallMillis: Records.start.wallMillis + 5000))
        let response = try fixture.push([takeover], token: intruder.token)
        #expect(results(response).first?["status"] == "refused")
        // It names Norrtälje's dots, which it cannot have: forged, whatever their counters.
        #expect(results(response).first?["reason"]?["code"] == "forged_history")
        // With only its own dots, the tombstone's scope refuses it.
        let own = try Records.make("participant", "p-b", ["displayName": "Övertagen", "municipality": "Södertälje"],
                                   by: intruder.replica)
        var ownRestore = own
        try ownRestore.restore([:], by: intruder.replica, at: HybridTimestamp(wallMillis: Records.start.wallMillis + 6000))
        let second = try fixture.push([ownRestore], token: intruder.token)
        #expect(results(second).first?["status"] == "refused")
        #expect(results(second).first?["reason"]?["code"] == "outside_scope")
        let stored = try #require(try fixture.database.store.state(collection: "participant", id: "p-b"))
        #expect(stored.isDeleted && stored.context[intruder.replica] == 0)
    }

    // MARK: 3. Nobody rewrites someone else's entry

    @Test func reSendingAnotherWritersDotWithANewValueIsRefusedAndAttributionStays() throws {
        let fixture = try ServerFixture()
        let coordinator = try fixture.enrol(role: "coordinator", name: "Koordinator")
        let facilitator = try fixture.enrol()
        #expect(try fixture.push(Records.meeting(by: coordinator.replica), token: coordinator.token).status == 200)
        let original = try #require(try fixture.pullAll(token: facilitator.token).first { $0.id == "f1" })
        let entry = try #require(original.fields["title"]?.entries.first)
        var fields = original.fields
        fields["title"] = FieldRegister([FieldEntry(value: .string("Omskriven"), dot: entry.dot,
                                                    time: HybridTimestamp(wallMillis: entry.time.wallMillis + 60_000))])
        let forged = try RecordState(collection: "forum", id: "f1", context: original.context, fields: fields)
        let response = try fixture.push([forged], token: facilitator.token)
        #expect(results(response).first?["status"] == "refused")
        #expect(results(response).first?["reason"]?["code"] == "dot_conflict")
        let stored = try #require(try fixture.database.store.state(collection: "forum", id: "f1"))
        #expect(stored == original)
        #expect(stored["title"] == "Brukarråd")
    }

    // MARK: 4. Decomposed Unicode

    @Test func aDecomposedMunicipalityNameIsRefusedNotFiledWhereNoOneSeesIt() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol(municipalities: ["Södertälje"])
        let decomposed = "So\u{0308}derta\u{0308}lje"
        #expect(Array(decomposed.utf8) != Array("Södertälje".utf8))
        let forum = try Records.forum("f-nfd", municipality: decomposed, by: device.replica)
        let response = try fixture.push([forum], token: device.token)
        #expect(results(response).first?["status"] == "refused")
        #expect(results(response).first?["reason"]?["code"] == "not_normalized")
    }

    @Test func anUnknownMunicipalityIsRefused() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol(municipalities: ["Södertälje"])
        var forum = try Records.forum("f-x", municipality: "Södertälje", by: device.replica)
        try forum.write(["payingMunicipality": "Atlantis"], by: device.replica, at: Records.start.successor)
        let response = try fixture.push([forum], token: device.token)
        #expect(results(response).first?["reason"]?["code"] == "unknown_municipality")
    }

    // MARK: 5. Bounded time

    /// `state` with every entry's time replaced, as a client that ignores §7 would send it.
    static func stamped(_ state: RecordState, at time: HybridTimestamp) throws -> RecordState {
        try RecordState(collection: state.collection, id: state.id, context: state.context,
                        fields: state.fields.mapValues { register in
                            FieldRegister(register.entries.map { FieldEntry(value: $0.value, dot: $0.dot, time: time) })
                        })
    }

    @Test(arguments: [Int64.max, -5, Int64.min])
    func anEntryTimeOutsideTheBoundIsRefused(_ millis: Int64) throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        let forum = try Self.stamped(try Records.forum("f-time", municipality: "Södertälje", by: device.replica),
                                     at: HybridTimestamp(wallMillis: millis, logical: 4_294_967_295))
        let response = try fixture.push([forum], token: device.token)
        #expect(results(response).first?["status"] == "refused")
        #expect(results(response).first?["reason"]?["code"] == "time_out_of_range")
        #expect(try fixture.database.store.state(collection: "forum", id: "f-time") == nil)
    }

    @Test func aTimeWithinTheSkewIsAcceptedAndOneBeyondIsNot() throws {
        let fixture = try ServerFixture { $0.maxClockSkew = 3600 }
        let device = try fixture.enrol()
        let values = try Records.forum("f", municipality: "Södertälje", by: device.replica).visibleValues
        let within = try Records.make("forum", "f-in", values, by: device.replica,
                                      at: HybridTimestamp(wallMillis: fixture.clock.now + 3_600_000, logical: 9))
        let beyond = try Records.make("forum", "f-out", values, by: device.replica,
                                      at: HybridTimestamp(wallMillis: fixture.clock.now + 3_600_001))
        let response = try fixture.push([within, beyond], token: device.token)
        #expect(results(response).map { $0["status"] } == ["merged", "refused"])
    }

    // MARK: 6. Admin resolutions pass the gate

    @Test func anAdminResolutionOfAnUnknownFieldOrABadValueIsRefused() throws {
        let fixture = try ServerFixture()
        let (_, _, honorariumID) = try conflictingAmounts(fixture)
        let before = try fixture.database.store.state(collection: "honorarium", id: honorariumID)
        for (field, value) in [("amout", JSONValue.integer(700)), ("amount", .integer(-5)), ("amount", .string("375"))] {
            #expect(throws: SyncServerError.self) {
                try fixture.database.conflictDesk.resolve("honorarium/\(honorariumID)", field: field, .value(value))
            }
        }
        #expect(try fixture.database.store.state(collection: "honorarium", id: honorariumID) == before)
        // Typed text is read as the field's type: "375" for an amount is 375 kronor.
        try fixture.database.conflictDesk.resolve("honorarium/\(honorariumID)", field: "amount", .text("375"))
        #expect(try fixture.database.store.state(collection: "honorarium", id: honorariumID)?["amount"] == .integer(375))
    }

    /// A facilitator and a coordinator change one honorarium's amount concurrently.
    private func conflictingAmounts(_ fixture: ServerFixture)
        throws -> (facilitator: (replica: ReplicaID, token: String), coordinator: (replica: ReplicaID, token: String), String) {
        let facilitator = try fixture.enrol(name: "Anna")
        let coordinator = try fixture.enrol(role: "coordinator", name: "Kim")
        let meeting = try Records.meeting(by: facilitator.replica)
        let honorarium = try Records.honorarium(attendance: meeting[2].id, municipality: "Södertälje", by: facilitator.replica)
        #expect(try fixture.push(meeting + [honorarium], token: facilitator.token).status == 200)
        let fromF = try Records.edit(honorarium, ["amount": 600], by: facilitator.replica)
        let fromC = try Records.make("honorarium", honorarium.id, ["amount": 700], by: coordinator.replica, base: honorarium,
                                     at: HybridTimestamp(wallMillis: Records.start.wallMillis + 2000))
        #expect(try fixture.push([fromF], token: facilitator.token).status == 200)
        #expect(results(try fixture.push([fromC], token: coordinator.token)).first?["status"] == "conflict")
        return (facilitator, coordinator, honorarium.id)
    }

    // MARK: 7. Delete versus update is a conflict for the admin, in both orders

    @Test(arguments: [true, false])
    func anUpdateConcurrentWithADeleteIsKeptAsAConflict(_ deleteFirst: Bool) throws {
        let fixture = try ServerFixture()
        let a = try fixture.enrol()
        let b = try fixture.enrol()
        let meeting = try Records.meeting(by: a.replica)
        #expect(try fixture.push(meeting, token: a.token).status == 200)
        let base = try #require(try fixture.pullAll(token: b.token).first { $0.id == "f1" })
        var deleted = meeting[0]
        deleted.delete(by: a.replica, at: Records.start.successor)
        let updated = try Records.make("forum", "f1", ["title": "Nytt namn"], by: b.replica, base: base,
                                       at: HybridTimestamp(wallMillis: Records.start.wallMillis + 2000))
        let (first, second) = deleteFirst ? ((deleted, a.token), (updated, b.token)) : ((updated, b.token), (deleted, a.token))
        #expect(results(try fixture.push([first.0], token: first.1)).first?["status"] == "merged")
        #expect(results(try fixture.push([second.0], token: second.1)).first?["status"] == "conflict")
        #expect(try fixture.database.conflictDesk.conflicts(language: .en).contains { $0.conflictID == "forum/f1" && $0.fields == ["_deleted"] })
    }

    /// PROTOCOL.md §18.1: the facilitator's offline amount change after the coordinator's
    /// approval is merged, and flagged for review.
    @Test func anAmountChangedOfflineWhileApprovedIsMergedAndFlagged() throws {
        let (fixture, facilitator, _, honorarium, _) = try proposedThenApproved()
        let changed = try Records.edit(honorarium, ["amount": 1200], by: facilitator.replica)
        #expect(results(try fixture.push([changed], token: facilitator.token)).first?["status"] == "merged")
        let flags = try fixture.database.conflictDesk.conflicts(language: .en).first { $0.recordID == honorarium.id }?.reviewFlags
        #expect(flags == ["amount_changed_during_approval"])
    }

    /// A facilitator proposes an honorarium, which a coordinator then approves (merged).
    private func proposedThenApproved() throws
        -> (ServerFixture, (replica: ReplicaID, token: String), ReplicaID, honorarium: RecordState, approved: RecordState) {
        let fixture = try ServerFixture()
        let facilitator = try fixture.enrol()
        let coordinator = try fixture.enrol(role: "coordinator")
        let meeting = try Records.meeting(by: facilitator.replica)
        let honorarium = try Records.honorarium(attendance: meeting[2].id, municipality: "Södertälje", by: facilitator.replica)
        #expect(try fixture.push(meeting + [honorarium], token: facilitator.token).status == 200)
        let approved = try Records.make("honorarium", honorarium.id, ["status": "approved", "approvedAmount": 500],
                                        by: coordinator.replica, base: honorarium,
                                        at: HybridTimestamp(wallMillis: Records.start.wallMillis + 3000))
        #expect(results(try fixture.push([approved], token: coordinator.token)).first?["status"] == "merged")
        return (fixture, facilitator, coordinator.replica, honorarium, approved)
    }

    // MARK: 8. A refusal rewrites no one's history

    @Test func aRefusedPushOnAnApprovedHonorariumLeavesTheApprovalWithItsWriter() throws {
        let (fixture, facilitator, coordinator, honorarium, approved) = try proposedThenApproved()
        let seen = try #require(try fixture.pullAll(token: facilitator.token).first { $0.id == honorarium.id })
        let overwrite = try Records.make("honorarium", honorarium.id, ["amount": 9000], by: facilitator.replica, base: seen,
                                         at: HybridTimestamp(wallMillis: Records.start.wallMillis + 4000))
        let response = try fixture.push([overwrite], token: facilitator.token)
        #expect(results(response).first?["status"] == "refused")
        let stored = try #require(try fixture.database.store.state(collection: "honorarium", id: honorarium.id))
        #expect(stored == approved)
        #expect(stored.fields["status"]?.entries.map(\.dot.replica) == [coordinator])
        // The refused device gets the server's state back to put its copy right.
        let returned = try #require(results(response).first?["state"]).map { try RecordState(json: $0) }
        #expect(returned == approved)
    }

    // MARK: A losing entry is judged like a winning one

    /// Found by the county simulation's tampered devices: an entry that loses its register
    /// (concurrent, earlier time) changed no visible value, so the rules let it through,
    /// and it was stored with status `conflict`. Each of the pusher's new entries is now
    /// judged as if it were the field's only one.
    @Test func anOutOfRangeAmountThatLosesItsRegisterIsStillRefused() throws {
        let fixture = try ServerFixture()
        let facilitator = try fixture.enrol()
        let meeting = try Records.meeting(by: facilitator.replica)
        let honorarium = try Records.honorarium(attendance: meeting[2].id, municipality: "Södertälje", by: facilitator.replica)
        #expect(try fixture.push(meeting + [honorarium], token: facilitator.token).status == 200)
        let pushed = try losing(in: honorarium, "amount", .integer(99_999), by: facilitator.replica)
        let response = try fixture.push([pushed], token: facilitator.token)
        #expect(results(response).first?["status"] == "refused")
        #expect(results(response).first?["reason"]?["code"] == "amount_out_of_range")
        let stored = try #require(try fixture.database.store.state(collection: "honorarium", id: honorarium.id))
        #expect(stored == honorarium)
    }

    @Test func aCoordinatorsFieldWrittenByAFacilitatorAsALosingEntryIsRefused() throws {
        let (fixture, facilitator, _, honorarium, approved) = try proposedThenApproved()
        let seen = try #require(try fixture.pullAll(token: facilitator.token).first { $0.id == honorarium.id })
        let pushed = try losing(in: seen, "approvedAmount", .integer(5_000), by: facilitator.replica)
        let response = try fixture.push([pushed], token: facilitator.token)
        #expect(results(response).first?["status"] == "refused")
        #expect(results(response).first?["reason"]?["code"] == "role_forbidden")
        #expect(try fixture.database.store.state(collection: "honorarium", id: honorarium.id) == approved)
    }

    /// `state` with a new entry of `replica` in `field` beside the ones held, a minute
    /// older than any: it loses the register, so the shown value stays.
    private func losing(in state: RecordState, _ field: String, _ value: JSONValue, by replica: ReplicaID) throws -> RecordState {
        let held = state.fields[field]?.entries ?? []
        let dot = Dot(replica: replica, counter: state.context[replica] + 1)
        var context = state.context
        context.merge(VersionVector([replica: dot.counter]))
        let oldest = held.map(\.time.wallMillis).min() ?? Records.start.wallMillis
        var fields = state.fields
        fields[field] = FieldRegister(held + [FieldEntry(value: value, dot: dot, time: HybridTimestamp(wallMillis: oldest - 60_000))])
        return try RecordState(collection: state.collection, id: state.id, context: context, fields: fields)
    }

    // MARK: An erased identity stays erased

    @Test func aDeviceThatMissedTheErasureCannotBringTheNameBack() throws {
        let fixture = try ServerFixture()
        let facilitator = try fixture.enrol()
        let person = try Records.participant("p-e", municipality: "Södertälje", name: "Gammalt Namn", by: facilitator.replica)
        #expect(try fixture.push([person], token: facilitator.token).status == 200)
        _ = try fixture.database.recordsOffice.eraseParticipant(id: "p-e")
        let erased = try #require(try fixture.database.store.state(collection: "participant", id: "p-e"))
        // Offline, the device renames the participant it still holds by the old name.
        let renamed = try Records.edit(person, ["displayName": "Nytt Namn", "contact": "070-1"], by: facilitator.replica)
        let response = try fixture.push([renamed], token: facilitator.token)
        #expect(results(response).first?["status"] == "refused")
        #expect(try fixture.database.store.state(collection: "participant", id: "p-e") == erased)
        // Its other fields stay writable.
        let seen = try #require(try fixture.pullAll(token: facilitator.token).first { $0.id == "p-e" })
        let consent = try Records.make("participant", "p-e", ["anonymous": true], by: facilitator.replica, base: seen,
                                       at: HybridTimestamp(wallMillis: Records.start.wallMillis + 9000))
        #expect(results(try fixture.push([consent], token: facilitator.token)).first?["status"] == "merged")
    }

    // MARK: 10. Storage failures are 500 internal_error, the detail only in the log

    @Test func aStorageFailureAnswersInternalErrorWithoutSQL() throws {
        let fixture = try ServerFixture()
        let device = try fixture.enrol()
        try fixture.database.store.connection.execute("DROP TABLE push_response")
        let response = try fixture.push(try Records.meeting(by: device.replica), token: device.token)
        #expect(response.status == 500)
        #expect(response.errorCode == "internal_error")
        #expect(!contains(response, "push_response") && !contains(response, "SQL"))
    }
}
