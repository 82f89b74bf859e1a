import Foundation
import SyncCore
import Testing
@testable import ForumModel

@Suite struct ForumRulesTests {
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let state: RecordState
        var configuration = DomainConfiguration()
        let expected: DomainError.Code?
    }

    static let world = Fixture()
    static let forum = world.lookup.state(collection: Forum.collection, id: Fixture.forumID) ?? RecordState(collection: "forum", id: "x")
    static let participant = world.lookup.state(collection: Participant.collection, id: Fixture.anonymousID)
        ?? RecordState(collection: "participant", id: "x")
    static let proposed = Fixture.honorarium(status: .proposed)
    static let paid = Fixture.honorarium(status: .paid)

    static let cases: [Case] = [
        Case(description: "a valid forum", state: forum, expected: nil),
        Case(description: "a valid participant", state: participant, expected: nil),
        Case(description: "a valid paid honorarium", state: paid, expected: nil),
        Case(description: "forum without title", state: Fixture.edit(forum, [Forum.Field.title: .null]), expected: .missingField),
        Case(description: "forum with a blank title", state: Fixture.edit(forum, [Forum.Field.title: "  "]), expected: .missingField),
        Case(description: "forum ending before it starts", state: Fixture.edit(forum, [Forum.Field.end: "2026-11-24T11:00:00Z"]),
             expected: .endBeforeStart),
        Case(description: "forum ending when it starts", state: Fixture.edit(forum, [Forum.Field.end: "2026-11-24T12:00:00Z"]),
             expected: .endBeforeStart),
        Case(description: "forum lasting more than a day", state: Fixture.edit(forum, [Forum.Field.end: "2026-12-24T15:00:00Z"]),
             expected: .endBeforeStart),
        Case(description: "forum on 30 February", state: Fixture.edit(forum, [Forum.Field.start: "2026-02-30T12:00:00Z"]),
             expected: .invalidDate),
        Case(description: "forum time with an offset instead of Z", state: Fixture.edit(forum, [Forum.Field.start: "2026-11-24T13:00:00+01:00"]),
             expected: .invalidDate),
        Case(description: "forum of an unknown kind", state: Fixture.edit(forum, [Forum.Field.kind: "seminar"]), expected: .invalidField),
        Case(description: "forum with a negative default honorarium", state: Fixture.edit(forum, [Forum.Field.defaultHonorarium: -900]),
             expected: .amountOutOfRange),
        Case(description: "forum with the amount as text", state: Fixture.edit(forum, [Forum.Field.defaultHonorarium: "900"]),
             expected: .invalidField),
        Case(description: "participant with consent but no date",
             state: Fixture.edit(participant, [Participant.Field.consentDate: .null]), expected: .missingField),
        Case(description: "participant with a name over the limit",
             state: Fixture.edit(participant, [Participant.Field.displayName: .string(String(repeating: "å", count: 201))]),
             expected: .textTooLong),
        Case(description: "participant with anonymous as text",
             state: Fixture.edit(participant, [Participant.Field.anonymous: "ja"]), expected: .invalidField),
        Case(description: "honorarium at the cap", state: Fixture.edit(proposed, [Honorarium.Field.amount: 10_000]), expected: nil),
        Case(description: "honorarium above the cap", state: Fixture.edit(proposed, [Honorarium.Field.amount: 10_001]),
             expected: .amountOutOfRange),
        Case(description: "honorarium above a configured cap", state: proposed,
             configuration: DomainConfiguration(maximumHonorariumKronor: 500), expected: .amountOutOfRange),
        Case(description: "honorarium of zero kronor", state: Fixture.edit(proposed, [Honorarium.Field.amount: 0]), expected: nil),
        Case(description: "paid honorarium without a paid date", state: Fixture.edit(paid, [Honorarium.Field.paidDate: .null]),
             expected: .missingField),
        Case(description: "paid date not a day", state: Fixture.edit(paid, [Honorarium.Field.paidDate: "1 december"]),
             expected: .invalidDate),
        Case(description: "declined without a reason", state: Fixture.edit(proposed, [Honorarium.Field.status: "declined"]),
             expected: .missingField),
        Case(description: "unknown status", state: Fixture.edit(proposed, [Honorarium.Field.status: "pending"]), expected: .invalidField),
        Case(description: "correction without a reason",
             state: Fixture.edit(paid, [Honorarium.Field.correction: ["reason": "", "at": "2026-12-02T10:00:00Z"]]),
             expected: .invalidCorrection),
        Case(description: "honorarium whose id is not derived from its attendance",
             state: Fixture.make(Honorarium.collection, "random-id", proposed.visibleValues), expected: .derivedIDMismatch),
        Case(description: "a deleted record", state: { var s = paid; s.delete(by: Fixture.deviceA, at: Fixture.time); return s }(),
             expected: nil),
        Case(description: "unknown collection", state: Fixture.make("survey", "s1", ["x": 1]), expected: .unknownCollection),
        // Names of scalars below U+0300 are NFC as they stand (the quick path); others are normalized to compare.
        Case(description: "municipality with a decomposed ä",
             state: Fixture.edit(forum, [Forum.Field.municipality: .string("Su\u{0308}ddorf")]), expected: .notNormalized),
        Case(description: "municipality with the Ångström sign, which NFC replaces by Å",
             state: Fixture.edit(forum, [Forum.Field.municipality: .string("\u{212B}re")]), expected: .notNormalized),
        Case(description: "municipality in NFC with a letter above U+0300",
             state: Fixture.edit(forum, [Forum.Field.municipality: .string("Ωmega")]), expected: nil),
    ]

    @Test(arguments: cases)
    func validatesEachRecord(_ testCase: Case) {
        switch ForumRules.validate(testCase.state, configuration: testCase.configuration) {
        case .success: #expect(testCase.expected == nil)
        case .failure(let error): #expect(error.code == testCase.expected, "got \(error.code.rawValue)")
        }
    }

    @Test func municipalityOfHonorariumComesFromItsForum() {
        #expect(ForumRules.municipality(of: Self.proposed, lookup: Self.world.lookup) == "Södertälje")
    }

    @Test func typedRecordsRoundTripThroughTheirFields() throws {
        let forum = try Forum(Self.forum)
        let rewritten = try Forum(Fixture.make(Forum.collection, forum.id, forum.fields))
        #expect(rewritten == forum)
        #expect(RecordTime.string(forum.start) == "2026-11-24T12:00:00Z")
        let honorarium = try Honorarium(Self.paid)
        #expect(honorarium.status == .paid && honorarium.paidAmount == 900 && honorarium.approvedAmount == 900)
    }
}
