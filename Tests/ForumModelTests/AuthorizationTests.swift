import Foundation
import Messages
import SyncCore
import Testing
@testable import ForumModel

@Suite struct AuthorizationTests {
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let actor: Actor
        let before: RecordState?
        let after: RecordState
        let expected: DomainError.Code?
    }

    static let world = Fixture()

    static var forumState: RecordState { world.lookup.state(collection: Forum.collection, id: Fixture.forumID) ?? RecordState(collection: "forum", id: "x") }
    static var participantState: RecordState { world.lookup.state(collection: Participant.collection, id: Fixture.namedID) ?? RecordState(collection: "participant", id: "x") }

    static func newForum(_ municipality: String) -> RecordState {
        var values = forumState.visibleValues
        values[Forum.Field.municipality] = .string(municipality)
        return Fixture.make(Forum.collection, "forum-new", values)
    }

    static func attendance(forum: String, participant: String, id: String? = nil) -> RecordState {
        let attendance = Attendance(forumID: forum, participantID: participant, role: .participant)
        return Fixture.make(Attendance.collection, id ?? attendance.id, attendance.fields)
    }

    static func conflicted() -> RecordState {
        let a = Fixture.edit(forumState, [Forum.Field.venue: "RSMH:s träfflokal"], by: Fixture.deviceA)
        let b = Fixture.edit(forumState, [Forum.Field.venue: "Stadshuset"], by: Fixture.deviceB)
        return (try? a.merged(with: b)) ?? a
    }

    static let generalCases: [Case] = {
        let conflict = conflicted()
        let resolved = Fixture.edit(conflict, [Forum.Field.venue: "Stadshuset"], by: .server)
        return [
            Case(description: "facilitator creates a forum in its municipality", actor: Fixture.facilitator,
                 before: nil, after: newForum("Södertälje"), expected: nil),
            Case(description: "facilitator creates a forum elsewhere", actor: Fixture.facilitator,
                 before: nil, after: newForum("Norrtälje"), expected: .outsideScope),
            Case(description: "facilitator moves a forum out of its municipality", actor: Fixture.facilitator,
                 before: forumState, after: Fixture.edit(forumState, [Forum.Field.municipality: "Norrtälje"]), expected: .outsideScope),
            Case(description: "coordinator edits a participant of another municipality", actor: Fixture.norrtaljeCoordinator,
                 before: participantState, after: Fixture.edit(participantState, [Participant.Field.contact: "ny"]), expected: .outsideScope),
            Case(description: "coordinator edits a participant of its municipality", actor: Fixture.coordinator,
                 before: participantState, after: Fixture.edit(participantState, [Participant.Field.contact: "ny"]), expected: nil),
            Case(description: "facilitator records attendance at its forum", actor: Fixture.facilitator,
                 before: nil, after: attendance(forum: Fixture.forumID, participant: Fixture.absentID), expected: nil),
            Case(description: "facilitator records attendance at another municipality's forum", actor: Fixture.facilitator,
                 before: nil, after: attendance(forum: Fixture.otherForumID, participant: Fixture.namedID), expected: .outsideScope),
            Case(description: "attendance with an id not derived from its key", actor: Fixture.facilitator,
                 before: nil, after: attendance(forum: Fixture.forumID, participant: Fixture.namedID, id: "random-id"),
                 expected: .derivedIDMismatch),
            Case(description: "attendance at a forum that does not exist", actor: Fixture.coordinator,
                 before: nil, after: attendance(forum: "no-such-forum", participant: Fixture.namedID), expected: .referenceMissing),
            Case(description: "facilitator deletes a participant of its municipality", actor: Fixture.facilitator,
                 before: participantState, after: { var s = participantState; s.delete(by: Fixture.deviceA, at: Fixture.time); return s }(),
                 expected: nil),
            Case(description: "admin edits a record without a conflict", actor: Fixture.admin,
                 before: forumState, after: Fixture.edit(forumState, [Forum.Field.venue: "Stadshuset"]), expected: .roleForbidden),
            Case(description: "admin creates a record", actor: Fixture.admin,
                 before: nil, after: newForum("Södertälje"), expected: .roleForbidden),
            Case(description: "admin resolves a conflict outside any municipality of its own", actor: Fixture.admin,
                 before: conflict, after: resolved, expected: nil),
            Case(description: "nothing changed is allowed even for admin", actor: Fixture.admin,
                 before: forumState, after: forumState, expected: nil),
            Case(description: "unknown collection", actor: Fixture.coordinator,
                 before: nil, after: Fixture.make("survey", "s1", ["x": 1]), expected: .unknownCollection),
            Case(description: "invalid record is refused before roles", actor: Fixture.coordinator,
                 before: forumState, after: Fixture.edit(forumState, [Forum.Field.kind: "seminar"]), expected: .invalidField),
        ]
    }()

    static let honorariumCases: [Case] = {
        let proposed = Fixture.honorarium(status: .proposed)
        let approved = Fixture.honorarium(status: .approved)
        let paid = Fixture.honorarium(status: .paid)
        let declined = Fixture.honorarium(status: .declined)
        let honorarium = Honorarium(attendanceID: Fixture.attendanceID(Fixture.anonymousID), amount: 900,
                                    payerMunicipality: "Södertälje", approvedAmount: 900)
        let correction = Honorarium.correctionFields(reason: "Fel belopp registrerat", at: Date(timeIntervalSince1970: 1_790_000_000))
        let absentProposed = Fixture.honorarium(Fixture.absentID, status: .proposed)
        let absent = Honorarium(attendanceID: Fixture.attendanceID(Fixture.absentID), amount: 900, payerMunicipality: "Södertälje")
        var deletedPaid = paid
        deletedPaid.delete(by: Fixture.deviceA, at: Fixture.time)
        return [
            Case(description: "facilitator proposes", actor: Fixture.facilitator, before: nil, after: proposed, expected: nil),
            Case(description: "facilitator changes a proposed amount", actor: Fixture.facilitator, before: proposed,
                 after: Fixture.edit(proposed, [Honorarium.Field.amount: 500]), expected: nil),
            Case(description: "facilitator approves", actor: Fixture.facilitator, before: proposed,
                 after: Fixture.edit(proposed, honorarium.approvalFields()), expected: .roleForbidden),
            Case(description: "facilitator edits an approved honorarium", actor: Fixture.facilitator, before: approved,
                 after: Fixture.edit(approved, [Honorarium.Field.amount: 500]), expected: .roleForbidden),
            Case(description: "facilitator corrects a paid honorarium", actor: Fixture.facilitator, before: paid,
                 after: Fixture.edit(paid, correction.merging([Honorarium.Field.amount: 500]) { $1 }), expected: .roleForbidden),
            Case(description: "coordinator approves", actor: Fixture.coordinator, before: proposed,
                 after: Fixture.edit(proposed, honorarium.approvalFields()), expected: nil),
            Case(description: "coordinator proposes, approves and pays in one push", actor: Fixture.coordinator, before: nil,
                 after: paid, expected: nil),
            Case(description: "coordinator moves approved back to proposed", actor: Fixture.coordinator, before: approved,
                 after: Fixture.edit(approved, [Honorarium.Field.status: "proposed"]), expected: .illegalStatusTransition),
            Case(description: "coordinator declines an approved honorarium", actor: Fixture.coordinator, before: approved,
                 after: Fixture.edit(approved, honorarium.declineFields(reason: "Deltog inte")), expected: nil),
            Case(description: "coordinator waives a proposed honorarium", actor: Fixture.coordinator, before: proposed,
                 after: Fixture.edit(proposed, [Honorarium.Field.status: "waived"]), expected: nil),
            Case(description: "coordinator approves a declined honorarium", actor: Fixture.coordinator, before: declined,
                 after: Fixture.edit(declined, honorarium.approvalFields()), expected: .finalStatus),
            Case(description: "coordinator changes a paid amount without correction", actor: Fixture.coordinator, before: paid,
                 after: Fixture.edit(paid, [Honorarium.Field.amount: 500, Honorarium.Field.paidAmount: 500]), expected: .finalStatus),
            Case(description: "coordinator corrects a paid amount", actor: Fixture.coordinator, before: paid,
                 after: Fixture.edit(paid, correction.merging([Honorarium.Field.amount: 500, Honorarium.Field.paidAmount: 500]) { $1 }),
                 expected: nil),
            Case(description: "coordinator deletes a paid honorarium", actor: Fixture.coordinator, before: paid,
                 after: deletedPaid, expected: .finalStatus),
            Case(description: "coordinator approves for an absent attendance", actor: Fixture.coordinator, before: absentProposed,
                 after: Fixture.edit(absentProposed, absent.approvalFields()), expected: .absentAttendance),
            Case(description: "facilitator proposes for an absent attendance", actor: Fixture.facilitator, before: nil,
                 after: absentProposed, expected: nil),
            Case(description: "coordinator of another municipality approves", actor: Fixture.norrtaljeCoordinator, before: proposed,
                 after: Fixture.edit(proposed, honorarium.approvalFields()), expected: .outsideScope),
            Case(description: "amount above the cap", actor: Fixture.coordinator, before: proposed,
                 after: Fixture.edit(proposed, [Honorarium.Field.amount: 10_001]), expected: .amountOutOfRange),
            Case(description: "negative amount", actor: Fixture.facilitator, before: proposed,
                 after: Fixture.edit(proposed, [Honorarium.Field.amount: -1]), expected: .amountOutOfRange),
            Case(description: "approval without the approved amount", actor: Fixture.coordinator, before: proposed,
                 after: Fixture.edit(proposed, [Honorarium.Field.status: "approved"]), expected: .missingField),
        ]
    }()

    @Test(arguments: generalCases + honorariumCases)
    func decidesEachChange(_ testCase: Case) {
        let result = Authorization.check(actor: testCase.actor, before: testCase.before, after: testCase.after,
                                         lookup: Self.world.lookup)
        switch result {
        case .success: #expect(testCase.expected == nil, "expected \(String(describing: testCase.expected))")
        case .failure(let error): #expect(error.code == testCase.expected, "got \(error.code.rawValue)")
        }
    }

    @Test(arguments: HonorariumStatus.allCases)
    func coordinatorMovesOnlyAlongLegalPaths(_ from: HonorariumStatus) {
        let legal: [HonorariumStatus: Set<HonorariumStatus>] = [
            .proposed: [.proposed, .approved, .paid, .declined, .waived],
            .approved: [.approved, .paid, .declined, .waived],
            .paid: [.paid], .declined: [.declined], .waived: [.waived],
        ]
        #expect(from.reachable == legal[from])
        #expect(from.isFinal == (legal[from]?.count == 1))
    }

    @Test func refusalMessagesCarryNoRecordValues() {
        let proposed = Fixture.honorarium(status: .proposed)
        let after = Fixture.edit(proposed, [Honorarium.Field.amount: 12_345])
        guard case .failure(let error) = Authorization.check(actor: Fixture.coordinator, before: proposed, after: after,
                                                             lookup: Self.world.lookup) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.code == .amountOutOfRange)
        #expect(!error.message.contains("12345") && !error.message(.sv).contains("12345"))
        #expect(error.message(.sv).contains("10000"))
    }

    @Test func everyErrorCodeHasTextsInBothLanguages() {
        for code in DomainError.Code.allCases {
            let error = DomainError(code)
            #expect(error.message(.sv) != error.messageKey.rawValue, "\(code.rawValue) lacks Swedish")
            #expect(error.message(.en) != error.messageKey.rawValue, "\(code.rawValue) lacks English")
        }
    }
}
