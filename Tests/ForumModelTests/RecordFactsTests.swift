import Foundation
import SyncCore
import Testing
@testable import ForumModel

/// Rules read the records a change refers to through their facts (`RecordLookup.facts`),
/// and `ForumSchema.factFields` holds everything they read: a store that keeps only those
/// fields beside each state (the field client's replica) gets the answers whole states give.
@Suite struct RecordFactsTests {
    /// A lookup that knows referenced records only by the declared fact fields: reading a
    /// whole state finds nothing, so a rule that did would answer differently here.
    struct FactsOnlyLookup: RecordLookup {
        let base: InMemoryLookup
        func state(collection: String, id: String) -> RecordState? { nil }
        func states(collection: String) -> [RecordState] { [] }
        func facts(collection: String, id: String) -> RecordFacts? {
            guard let state = base.state(collection: collection, id: id) else { return nil }
            guard case .object(let values) = RecordFacts.values(of: state, fields: ForumSchema.factFields[collection] ?? []) else {
                return nil
            }
            return RecordFacts(isDeleted: state.isDeleted, values: values)
        }
    }

    static func answer(_ result: Result<Void, DomainError>) -> String {
        switch result {
        case .success: "allowed"
        case .failure(let error): error.code.rawValue + " " + error.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
    }

    /// The fixture's worlds the changes are judged in: as it is, the forum planned, the
    /// forum deleted, the anonymous participant absent and erased.
    static func worlds() throws -> [(String, InMemoryLookup)] {
        let world = Fixture()
        let forum = try #require(world.lookup.state(collection: Forum.collection, id: Fixture.forumID))
        var planned = world.lookup
        planned.insert(Fixture.edit(forum, [Forum.Field.status: "planned"], offset: 500))
        var deletedForum = world.lookup
        var tombstone = forum
        _ = tombstone.delete(by: Fixture.deviceA, at: HybridTimestamp(wallMillis: Fixture.time.wallMillis + 500))
        deletedForum.insert(tombstone)
        var absentAndErased = world.lookup
        let attendance = try #require(world.lookup.state(collection: Attendance.collection, id: Fixture.attendanceID(Fixture.anonymousID)))
        absentAndErased.insert(Fixture.edit(attendance, [Attendance.Field.present: false], offset: 500))
        let person = try #require(world.lookup.state(collection: Participant.collection, id: Fixture.anonymousID))
        absentAndErased.insert(Fixture.edit(person, [Participant.Field.erased: true, Participant.Field.displayName: "-"], offset: 500))
        return [("held", world.lookup), ("planned", planned), ("forum deleted", deletedForum), ("absent and erased", absentAndErased)]
    }

    /// Changes that follow references: new attendance, honoraria proposed, approved, paid,
    /// declined, a payee, by a facilitator and coordinators in and outside the municipality.
    static func changes() throws -> [(String, RecordState?, RecordState)] {
        let attendance = Attendance(forumID: Fixture.forumID, participantID: Fixture.namedID, role: .participant, present: true)
        let otherAttendance = Attendance(forumID: Fixture.otherForumID, participantID: Fixture.namedID, role: .participant, present: true)
        let proposed = Fixture.honorarium(status: .proposed)
        let approved = Fixture.honorarium(status: .approved)
        let payee = Payee(participantID: Fixture.anonymousID, identityNumber: try #require(IdentityNumber(parsing: "811218-9876")),
                          payout: .bank(clearing: try #require(Payee.clearingNumber(parsing: "8327-9")),
                                        account: try #require(Payee.accountNumber(parsing: "012 345 678-9"))))
        return [
            ("new attendance", nil, Fixture.make(Attendance.collection, attendance.id, attendance.fields)),
            ("attendance elsewhere", nil, Fixture.make(Attendance.collection, otherAttendance.id, otherAttendance.fields)),
            ("proposal", nil, proposed),
            ("approval", proposed, Fixture.edit(proposed, try Honorarium(proposed).approvalFields())),
            ("payment", approved, Fixture.edit(approved, try Honorarium(approved).paymentFields(paidDate: "2026-12-01", method: .payroll),
                                               offset: 3000)),
            ("decline", proposed, Fixture.edit(proposed, try Honorarium(proposed).declineFields(reason: "Inställt"))),
            ("payee", nil, Fixture.make(Payee.collection, payee.id, payee.fields)),
        ]
    }

    @Test func rulesGiveTheSameAnswersFromFactsAsFromWholeStates() throws {
        var differences: [String] = []
        var answers = Set<String>()
        for (worldName, world) in try Self.worlds() {
            let factsOnly = FactsOnlyLookup(base: world)
            for (changeName, before, after) in try Self.changes() {
                for actor in [Fixture.facilitator, Fixture.coordinator, Fixture.norrtaljeCoordinator] {
                    let whole = Self.answer(Authorization.check(actor: actor, before: before, after: after, lookup: world))
                    let facts = Self.answer(Authorization.check(actor: actor, before: before, after: after, lookup: factsOnly))
                    answers.insert(whole)
                    if whole != facts { differences.append("\(worldName), \(changeName), \(actor.role): \(whole) vs \(facts)") }
                }
            }
        }
        #expect(differences.isEmpty, "\(differences)")
        // The battery reaches the refusals that read referenced records, not only "allowed".
        for code in ["allowed", "forum_not_held", "reference_missing", "absent_attendance", "participant_erased", "outside_scope"] {
            #expect(answers.contains { $0.hasPrefix(code) }, "no case answered \(code): \(answers.sorted())")
        }
    }

    @Test func factFieldsHoldEachCollectionsScopeAndReferences() {
        #expect(ForumSchema.factFields[Forum.collection] == [Forum.Field.municipality, Forum.Field.status])
        #expect(ForumSchema.factFields[Attendance.collection]?.contains(Attendance.Field.forumID) == true)
        #expect(ForumSchema.factFields[Attendance.collection]?.contains(Attendance.Field.present) == true)
        #expect(ForumSchema.factFields[Participant.collection]?.contains(Participant.Field.erased) == true)
        #expect(ForumSchema.factFields[Honorarium.collection]?.contains(Honorarium.Field.attendanceID) == true)
    }

    @Test func factsOfAWholeStateAnswerEveryField() throws {
        let world = Fixture()
        let forum = try #require(world.lookup.state(collection: Forum.collection, id: Fixture.forumID))
        let facts = RecordFacts(forum)
        #expect(facts[Forum.Field.title] == forum[Forum.Field.title])
        #expect(!facts.isDeleted)
    }
}
