import Foundation
import Messages
import SyncCore
import Testing
@testable import ForumModel

@Suite struct RedactionTests {
    /// Demo data plus a concurrent rename of an anonymous participant (a conflict for the admin).
    static func world() -> (lookup: InMemoryLookup, demo: DemoData, secrets: [String]) {
        let demo = DemoData.build()
        var lookup = demo.lookup
        let anonymousKeys = ["sodertalje.anonymous1", "sodertalje.anonymous2", "norrtalje.2", "norrtalje.3", "norrtalje.5"]
        var secrets: [String] = []
        for key in anonymousKeys {
            guard let id = demo.participantIDs[key], let state = lookup.state(collection: Participant.collection, id: id) else { continue }
            for field in Participant.Field.personal {
                if let text = state[field]?.stringValue, text != "RSMH" { secrets.append(text) }
            }
        }
        if let id = demo.participantIDs["sodertalje.anonymous1"], let state = lookup.state(collection: Participant.collection, id: id) {
            let a = Fixture.edit(state, [Participant.Field.displayName: "Johan E."], by: Fixture.deviceA, offset: 900_000_000)
            let b = Fixture.edit(state, [Participant.Field.displayName: "Jocke Ek"], by: Fixture.deviceB, offset: 900_000_000)
            if let merged = try? a.merged(with: b) { lookup.insert(merged) }
            secrets += ["Johan E.", "Jocke Ek"]
        }
        return (lookup, demo, secrets)
    }

    static func strings(in state: RecordState) -> [String] {
        state.fields.values.flatMap(\.entries).compactMap(\.value.stringValue)
    }

    @Test(arguments: Language.allCases)
    func noAnonymousNameOrContactAppearsInAnyOutput(_ language: Language) throws {
        let (lookup, demo, secrets) = Self.world()
        #expect(secrets.count >= 8)
        var outputs: [String] = []
        let period = ReportPeriod(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 4_000_000_000))
        let report = AttendanceReport.make(period: period, lookup: lookup)
        outputs.append(report.text(language))
        outputs.append(String(decoding: report.csv(language), as: UTF8.self))
        for forumID in demo.sodertaljeForumIDs + demo.norrtaljeForumIDs {
            outputs.append(try MinutesHeader.make(forumID: forumID, lookup: lookup, language: language).get())
        }
        for audience in [Audience.admin, .minutes, .report] {
            for collection in ForumRules.collections {
                for state in lookup.states(collection: collection) {
                    let forumID = demo.sodertaljeForumIDs.first
                    outputs += Self.strings(in: Redaction.view(of: state, for: audience, forumID: forumID, lookup: lookup, language: language))
                    outputs.append(String(decoding: Redaction.view(of: state, for: audience, lookup: lookup, language: language).canonicalJSON,
                                          as: UTF8.self))
                }
            }
        }
        for output in outputs {
            for secret in secrets {
                #expect(!output.localizedCaseInsensitiveContains(secret), "leaked a protected value")
            }
        }
    }

    @Test func adminConflictViewKeepsTheConflictShapeButNotTheNames() throws {
        let (lookup, demo, _) = Self.world()
        let id = try #require(demo.participantIDs["sodertalje.anonymous1"])
        let state = try #require(lookup.state(collection: Participant.collection, id: id))
        #expect(state.fields[Participant.Field.displayName]?.entries.count == 2)
        let view = Redaction.view(of: state, for: .admin, lookup: lookup, language: .sv)
        let entries = try #require(view.fields[Participant.Field.displayName]?.entries)
        #expect(entries.map(\.dot) == state.fields[Participant.Field.displayName]?.entries.map(\.dot))
        #expect(entries.allSatisfy { $0.value == "Anonym deltagare" })
        #expect(view.fields[Participant.Field.contact] == nil)
    }

    @Test func pseudonymsAreNumberedByParticipantIDWithinAForum() throws {
        let world = Fixture()
        let extra = Participant(id: "p-aaa", displayName: "Noah Lindgren", municipality: "Södertälje", anonymous: true)
        var lookup = world.lookup
        lookup.insert(Fixture.make(Participant.collection, extra.id, extra.fields))
        let attendance = Attendance(forumID: Fixture.forumID, participantID: extra.id, role: .participant)
        lookup.insert(Fixture.make(Attendance.collection, attendance.id, attendance.fields))
        #expect(Redaction.anonymousNumbers(forumID: Fixture.forumID, lookup: lookup) == ["p-aaa": 1, Fixture.anonymousID: 2])
        #expect(Redaction.displayName(participantID: Fixture.anonymousID, forumID: Fixture.forumID, audience: .minutes,
                                      lookup: lookup, language: .en) == "Anonymous participant 2")
        #expect(Redaction.displayName(participantID: Fixture.anonymousID, forumID: Fixture.forumID, audience: .coordinator,
                                      lookup: lookup, language: .sv) == "Johan Ek")
    }

    @Test func minutesHeaderNamesByRoleAndCountsAnonymousParticipants() throws {
        let world = Fixture()
        let header = try MinutesHeader.make(forumID: Fixture.forumID, lookup: world.lookup, language: .sv).get()
        #expect(header == """
            Deltagarforum 1 – Deltagarforum Södertälje
            Typ: Deltagarforum
            Tid: 2026-11-24 13:00–16:00
            Plats: Södertälje Aktivitetscentrum
            Närvarande:
              Deltagare: Anonym deltagare 1
              Föreningsrepresentanter: Karin Holm (RSMH)
            Antal närvarande: 2 (varav 1 anonyma)

            """)
    }

    @Test func minutesTextHasAnonymousNamesReplacedForAdminAndReports() throws {
        let world = Fixture()
        let forum = try #require(world.lookup.state(collection: Forum.collection, id: Fixture.forumID))
        let view = Redaction.view(of: forum, for: .report, lookup: world.lookup, language: .sv)
        #expect(view[Forum.Field.minutes] == "Anonym deltagare 1 tog upp frågan om SIP.")
        #expect(Redaction.view(of: forum, for: .facilitator, lookup: world.lookup, language: .sv) == forum)
    }

    /// Issue 17: a first name alone, a surname with other case or diacritics, and both
    /// names of a conflict are replaced too, not only the exact current name; a longer
    /// word that begins with a name is left alone.
    @Test func everyWordOfEveryNameTheRecordHoldsIsReplacedInTheMinutes() throws {
        var world = Fixture()
        let person = try #require(world.lookup.state(collection: Participant.collection, id: Fixture.anonymousID))
        let renamed = try person.merged(with: Fixture.edit(person, [Participant.Field.displayName: "Jocke Eriksson"],
                                                          by: Fixture.deviceB, offset: 5_000))
        world.lookup.insert(try renamed.merged(with: Fixture.edit(person, [Participant.Field.displayName: "Johan Ekdahl"],
                                                                 by: Fixture.deviceA, offset: 5_000)))
        let forum = try #require(world.lookup.state(collection: Forum.collection, id: Fixture.forumID))
        let text = "Johan sade att EKDÅHL och jocke eriksson vill ha SIP; Johanna höll med."
        let edited = Fixture.edit(forum, [Forum.Field.minutes: .string(text)], by: Fixture.deviceA, offset: 6_000)
        let view = Redaction.view(of: edited, for: .report, lookup: world.lookup, language: .sv)
        let minutes = try #require(view[Forum.Field.minutes]?.stringValue)
        for name in ["Johan ", "EKDÅHL", "jocke", "eriksson"] { #expect(!minutes.contains(name), "\(name) in \(minutes)") }
        #expect(minutes.contains("Anonym deltagare 1 sade") && minutes.contains("Johanna höll med"))
        #expect(AnonymousNames.mentioned(in: text, forumID: Fixture.forumID, lookup: world.lookup) == [Fixture.anonymousID])
        #expect(AnonymousNames.mentioned(in: "Johanna och Ekonomi", forumID: Fixture.forumID, lookup: world.lookup).isEmpty)
    }

    @Test func coordinatorsAndFacilitatorsSeeTheRecordUnchanged() throws {
        let world = Fixture()
        let state = try #require(world.lookup.state(collection: Participant.collection, id: Fixture.anonymousID))
        for audience in [Audience.coordinator, .facilitator] {
            #expect(Redaction.view(of: state, for: audience, lookup: world.lookup, language: .sv) == state)
        }
        let named = try #require(world.lookup.state(collection: Participant.collection, id: Fixture.namedID))
        let report = Redaction.view(of: named, for: .report, lookup: world.lookup, language: .sv)
        #expect(report[Participant.Field.displayName] == "Karin Holm" && report[Participant.Field.contact] == nil)
    }
}
