import ForumModel
import Foundation
import SyncCore
import SyncProtocol
import Testing
import TestSupport
@testable import SyncServer

/// PROTOCOL.md §22, the worked examples with the forum collections, is what a real server
/// answers: every request body in it is pushed, exactly as printed, to a live server with
/// the forum schema, and the server's answers must be the printed ones. The document's
/// replica ids stand for the ids the server gives at enrolment; the test swaps them.
///
/// To update the document after a change to the domain or the protocol, run the tests with
/// `FORUM_WRITE_PROTOCOL=1`, which writes the section from the server's answers.
@Suite struct ProtocolWorkedExamplesTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol/PROTOCOL.md")
    static let facilitator = ReplicaID("dev-3f9a1c2b")!
    static let coordinator = ReplicaID("dev-a7c4e0d1")!
    /// 2025-11-24 16:00 UTC.
    static let t0: Int64 = 1_764_000_000_000
    static func at(minutes: Int64) -> HybridTimestamp { HybridTimestamp(wallMillis: t0 + minutes * 60_000, logical: 0) }

    /// One example: what happens, who pushes which states, and the results' statuses
    /// (and refusal code) the example exists to show.
    struct Step {
        var title: String
        var text: String
        var device: ReplicaID
        var records: [RecordState]
        var expected: [(PushResult.Status, String?)]
    }

    /// The examples' states, built with SyncCore's local writes as a client makes them.
    static func steps() throws -> [Step] {
        let forumID = "4b1d8e2a9c3f4e6b8a0d2c4e6f8a0b1c", participantID = "9e2c4a6b8d0f1e3a5c7b9d1f3a5c7e9b"
        let mistakeID = "0c5e7a9b1d3f5a7c9e1b3d5f7a9c1e3b"
        let attendanceID = Attendance.id(forumID: forumID, participantID: participantID)
        let honorariumID = Honorarium.id(attendanceID: attendanceID)
        let f = facilitator, c = coordinator

        var forum = RecordState(collection: "forum", id: forumID)
        _ = try forum.write(["municipality": "Södertälje", "title": "Deltagarforum 3", "kind": "deltagarforum",
                             "start": "2025-11-24T16:00:00Z", "end": "2025-11-24T18:00:00Z", "defaultHonorarium": 900,
                             "status": "held", "venue": "Kulturhuset"], by: f, at: at(minutes: 0))
        var participant = RecordState(collection: "participant", id: participantID)
        _ = try participant.write(["displayName": "Kim", "municipality": "Södertälje", "anonymous": true,
                                   "consentGiven": true, "consentDate": "2025-11-24"], by: f, at: at(minutes: 1))
        var mistake = RecordState(collection: "participant", id: mistakeID)
        _ = try mistake.write(["displayName": "Test Testsson", "municipality": "Södertälje"], by: f, at: at(minutes: 2))
        var attendance = RecordState(collection: "attendance", id: attendanceID)
        _ = try attendance.write(["forumId": .string(forumID), "participantId": .string(participantID),
                                  "role": "participant", "present": true], by: f, at: at(minutes: 3))
        var honorarium = RecordState(collection: "honorarium", id: honorariumID)
        _ = try honorarium.write(["attendanceId": .string(attendanceID), "amount": 900, "status": "proposed",
                                  "payerMunicipality": "Södertälje", "notCountedAsIncome": true], by: f, at: at(minutes: 4))

        // The coordinator holds what it pulled; the facilitator goes on offline.
        var coordinatorHonorarium = honorarium, coordinatorForum = forum
        _ = try coordinatorHonorarium.write(["status": "approved", "approvedAmount": 900], by: c, at: at(minutes: 65))
        var facilitatorHonorarium = honorarium
        _ = try facilitatorHonorarium.write(["amount": 1200], by: f, at: at(minutes: 60))
        var approvingFacilitator = facilitatorHonorarium
        _ = try approvingFacilitator.write(["status": "approved", "approvedAmount": 1200], by: f, at: at(minutes: 70))
        _ = try coordinatorForum.write(["title": "Deltagarforum 3 (ny lokal)"], by: c, at: at(minutes: 80))
        var facilitatorForum = forum
        _ = try facilitatorForum.write(["title": "Deltagarforum 3, boende"], by: f, at: at(minutes: 81))
        var resolved = try coordinatorForum.merged(with: facilitatorForum)
        _ = try resolved.write(["title": "Deltagarforum 3, boende (ny lokal)"], by: c, at: at(minutes: 90))
        var deleted = mistake
        _ = deleted.delete(by: f, at: at(minutes: 95))
        // Skatteverket's well-known example number, valid by date and check digit.
        var payee = RecordState(collection: "payee", id: Payee.id(participantID: participantID))
        _ = try payee.write(["participantId": .string(participantID), "identityNumber": "19121212-1212", "payout": "bank",
                             "clearingNumber": "83279", "accountNumber": "0123456789"], by: c, at: at(minutes: 100))
        var facilitatorPayee = RecordState(collection: "payee", id: Payee.id(participantID: participantID))
        _ = try facilitatorPayee.write(["participantId": .string(participantID), "identityNumber": "19121212-1212",
                                        "payout": "payroll"], by: f, at: at(minutes: 101))

        return [
            Step(title: "The facilitator records a forum and two participants",
                 text: """
                     A facilitator's device, enrolled for Södertälje, creates a forum and two participants \
                     (the second by mistake). Each record's first write takes the dot \
                     `[dev-3f9a1c2b, 1]` of its own context; forum and participant ids are random (§9). \
                     `Kim` is anonymous: the name stays on the devices of the municipality, and every \
                     view where anonymity applies pseudonymises it.
                     """,
                 device: f, records: [forum, participant, mistake],
                 expected: [(.merged, nil), (.merged, nil), (.merged, nil)]),
            Step(title: "Attendance and a proposed honorarium",
                 text: """
                     Kim's attendance has the id derived from `forumId` and `participantId`, the \
                     honorarium the id derived from `attendanceId` (§9), so two devices that record \
                     the same attendance write the same record. A facilitator may write an honorarium \
                     only as `proposed`.
                     """,
                 device: f, records: [attendance, honorarium],
                 expected: [(.merged, nil), (.merged, nil)]),
            Step(title: "The coordinator approves",
                 text: """
                     A coordinator's device (`dev-a7c4e0d1`) pulled the records above and approves the \
                     honorarium, writing `approvedAmount` with the approval as §20 requires. Its \
                     context covers the facilitator's write it has seen.
                     """,
                 device: c, records: [coordinatorHonorarium],
                 expected: [(.merged, nil)]),
            Step(title: "An amount changed offline during the approval (section 18.1 with the full record)",
                 text: """
                     The facilitator, offline since the second push, changed the amount to 1200 before \
                     it knew of the approval. Its own state still says `proposed`, so the change is \
                     allowed and merged: the server now holds amount 1200 and the coordinator's \
                     approval of 900, and raises the review flag `amount_changed_during_approval` for \
                     the coordinator and the admin (never sent in the record).
                     """,
                 device: f, records: [facilitatorHonorarium],
                 expected: [(.merged, nil)]),
            Step(title: "A refused write",
                 text: """
                     The facilitator's device then tries to approve the honorarium itself. The server \
                     refuses the record (`role_forbidden`), stores nothing, and, since the device may \
                     read the record, returns the server's state: the device replaces its copy by it \
                     (§8). Nothing of the server's history is re-stamped: the approval is still \
                     written by `dev-a7c4e0d1`.
                     """,
                 device: f, records: [approvingFacilitator],
                 expected: [(.refused, "role_forbidden")]),
            Step(title: "Concurrent titles: a conflict",
                 text: """
                     The coordinator renames the forum; the facilitator, offline, renames it too. The \
                     coordinator's push is merged; the facilitator's, whose context has not seen the \
                     coordinator's write, is answered `conflict`: the server keeps both values of \
                     `title` (§6), and every device pulls both.
                     """,
                 device: c, records: [coordinatorForum],
                 expected: [(.merged, nil)]),
            Step(title: "Concurrent titles: the second push",
                 text: "The facilitator's rename arrives second.",
                 device: f, records: [facilitatorForum],
                 expected: [(.conflict, nil)]),
            Step(title: "Resolving the conflict",
                 text: """
                     The coordinator pulled the conflict and resolves it by writing a new title \
                     (§8: writing a value whose context covers both entries). The field holds one entry \
                     again, and the conflict is gone on every replica after its next pull.
                     """,
                 device: c, records: [resolved],
                 expected: [(.merged, nil)]),
            Step(title: "Deleting the mistaken participant",
                 text: """
                     The facilitator deletes the participant created by mistake: every field goes, \
                     `_deleted` is written `true` with a new dot (§8), and the tombstone keeps the \
                     municipality the record was filed under, so only Södertälje's devices receive it.
                     """,
                 device: f, records: [deleted],
                 expected: [(.merged, nil)]),
            Step(title: "The coordinator records Kim's payment details",
                 text: """
                     At the office the coordinator completes how Kim is paid: a `payee` record, its id \
                     derived from `participantId` (§9), with the identity number in its twelve-digit \
                     form and a bank account (§20). Only coordinators' devices of Södertälje receive it \
                     (§14); the facilitator's pulls never carry it.
                     """,
                 device: c, records: [payee],
                 expected: [(.merged, nil)]),
            Step(title: "A facilitator's payment details are refused",
                 text: """
                     A facilitator's device may neither read nor write payees. Its push of one is \
                     refused `collection_forbidden` and nothing is stored; since the device may not \
                     read the stored record, the refusal carries no state, and the device drops its \
                     copy (§8, like a refused creation).
                     """,
                 device: f, records: [facilitatorPayee],
                 expected: [(.refused, "collection_forbidden")]),
        ]
    }

    /// A push body with one record per line, as the document prints it (valid JSON).
    static func body(batch: String, _ records: [RecordState]) -> String {
        "{\"batch\":\"\(batch)\",\"records\":[\n" + records.map { String(decoding: $0.canonicalJSON, as: UTF8.self) }
            .joined(separator: ",\n") + "\n]}"
    }

    /// The section as printed: each example's text, its request and the server's results.
    static func render(_ steps: [Step], answers: [String]) -> String {
        var out = ""
        for (index, step) in steps.enumerated() {
            let device = step.device == facilitator ? "facilitator" : "coordinator"
            out += "### 22.\(index + 1) \(step.title)\n\n\(step.text)\n\n"
            out += "`POST /v1/sync/push` by the \(device) (`\(step.device.rawValue)`):\n\n"
            out += "```json\n\(body(batch: "ex-\(index + 1)", step.records))\n```\n\n"
            out += "Answer `200`, results (`serverTime` left out):\n\n```json\n\(answers[index])\n```\n\n"
        }
        return out
    }

    @Test func theDocumentsExamplesAreWhatAServerAnswers() throws {
        let fixture = try ServerFixture()
        let facilitatorDevice = try fixture.enrol(role: "facilitator", municipalities: ["Södertälje"])
        let coordinatorDevice = try fixture.enrol(role: "coordinator", municipalities: ["Södertälje"])
        // The document's ids for the ids the server gave, and back.
        func toServer(_ text: String) -> String {
            text.replacingOccurrences(of: Self.facilitator.rawValue, with: facilitatorDevice.replica.rawValue)
                .replacingOccurrences(of: Self.coordinator.rawValue, with: coordinatorDevice.replica.rawValue)
        }
        func toDocument(_ text: String) -> String {
            text.replacingOccurrences(of: facilitatorDevice.replica.rawValue, with: Self.facilitator.rawValue)
                .replacingOccurrences(of: coordinatorDevice.replica.rawValue, with: Self.coordinator.rawValue)
        }
        let steps = try Self.steps()
        var answers: [String] = []
        for (index, step) in steps.enumerated() {
            let token = step.device == Self.facilitator ? facilitatorDevice.token : coordinatorDevice.token
            let client = try RawHTTPClient(port: fixture.port)
            let response = try requireValue(client.request(
                "POST", "/v1/sync/push", headers: ["Authorization": "Bearer \(token)"],
                body: Array(toServer(Self.body(batch: "ex-\(index + 1)", step.records)).utf8)))
            #expect(response.status == 200, "example \(index + 1)")
            let results = try PushResponse(body: response.body).results
            #expect(results.map(\.status) == step.expected.map(\.0), "example \(index + 1): statuses")
            #expect(results.map { $0.reason?.code } == step.expected.map(\.1), "example \(index + 1): reasons")
            // A refusal never re-stamps: the server's state is what it was before the push.
            if let refused = results.first(where: { $0.status == .refused }), refused.collection == "honorarium" {
                #expect(refused.state?.fields["status"]?.entries.map(\.dot.replica) == [coordinatorDevice.replica])
            }
            // Canonical again after the swap: the ids' byte order decides the order of context keys.
            answers.append(try results.map { result in
                JSONWriter.string(try JSONParser().parse(Array(toDocument(JSONWriter.string(result.jsonValue)).utf8)))
            }.joined(separator: ",\n"))
        }
        // Every replica of the municipality converges on the server's states after the examples.
        let pulled = try fixture.pullAll(token: facilitatorDevice.token)
        #expect(pulled.count == 5)
        #expect(!pulled.contains { $0.collection == "payee" })
        #expect(try fixture.pullAll(token: coordinatorDevice.token).filter { $0.collection == "payee" }.count == 1)
        #expect(pulled.first { $0.collection == "forum" }?.conflicts.isEmpty == true)

        let rendered = Self.render(steps, answers: answers.map { "[\n\($0)\n]" })
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let begin = "<!-- examples:begin -->\n", end = "<!-- examples:end -->"
        let start = try #require(text.range(of: begin)), stop = try #require(text.range(of: end))
        let current = String(text[start.upperBound..<stop.lowerBound])
        if ProcessInfo.processInfo.environment["FORUM_WRITE_PROTOCOL"] == "1", current != rendered {
            let updated = String(text[..<start.upperBound]) + rendered + String(text[stop.lowerBound...])
            try updated.write(to: Self.document, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == rendered, "PROTOCOL.md §22 differs from what the server answers; see the suite's doc comment")
    }
}
