import Foundation
import Messages
import SyncCore
import Testing
@testable import ForumModel

/// The one conflict view: every conflicting value is listed with its id and writer, and shown
/// only as far as the viewer's redacted view shows it.
@Suite struct ConflictDetailTests {
    @Test(arguments: Language.allCases)
    func anAnonymousParticipantsConflictingNamesAreListedByIdButNeverShownToTheAdmin(_ language: Language) throws {
        let (lookup, demo, secrets) = RedactionTests.world()
        let id = try #require(demo.participantIDs["sodertalje.anonymous1"])
        let state = try #require(lookup.state(collection: Participant.collection, id: id))
        let view = Redaction.view(of: state, for: .admin, lookup: lookup, language: language)
        let writers = [Fixture.deviceA: ConflictWriter(name: "Annas dator", role: "facilitator")]
        let fields = ConflictDetail.fields(of: state, shownAs: view) { writers[$0] }
        let names = try #require(fields.first { $0.field == Participant.Field.displayName })
        #expect(names.values.count == 2)
        #expect(Set(names.values.map(\.valueID)).count == 2)
        #expect(names.values.map(\.writerName).contains("Annas dator"))
        #expect(names.values.map(\.writerName).contains(nil), "an unknown writer stays unknown")
        let shown = names.values.compactMap(\.value).joined() + ConflictDetail.currentValues(of: view).map(\.value).joined()
        for secret in secrets { #expect(!shown.contains(secret)) }
        // The view holds no stored value at all, so no rendering of it can leak one.
        let everything = String(describing: fields)
        for secret in secrets { #expect(!everything.contains(secret)) }
    }

    @Test func aValueTheViewShowsAtTheSameDotIsShown() throws {
        let (lookup, demo, _) = RedactionTests.world()
        let id = try #require(demo.participantIDs["sodertalje.anonymous1"])
        let state = try #require(lookup.state(collection: Participant.collection, id: id))
        // The raw state as its own view: a viewer who may see everything sees both names.
        let fields = ConflictDetail.fields(of: state, shownAs: state) { _ in nil }
        let values = fields.first { $0.field == Participant.Field.displayName }?.values.compactMap(\.value) ?? []
        #expect(Set(values) == ["\"Johan E.\"", "\"Jocke Ek\""])
        #expect(fields.first?.values.first?.replica.hasPrefix("dev-") == true || fields.first?.values.first?.replica == "server")
    }
}
