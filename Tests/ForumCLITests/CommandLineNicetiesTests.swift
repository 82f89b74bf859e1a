import FieldClient
import ForumCLI
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

/// Small kindnesses of the command line (issue 19): a mistyped command gets a suggestion,
/// Swedish yes/no and status names are understood.
@Suite struct CommandLineNicetiesTests {
    let cli: CLIHarness

    init() throws {
        cli = try CLIHarness(prefix: "forum-niceties")
    }

    @Test func aMistypedCommandGetsADidYouMean() {
        let (status, terminal) = cli.run(["sycn"])
        #expect(status == 64)
        #expect(terminal.error.hasPrefix("Error: unknown command 'sycn'; did you mean 'sync'?"), "\(terminal.error)")
        let (nested, swedish) = cli.run(["honorarium", "aprove"], lang: "sv_SE.UTF-8")
        #expect(nested == 64)
        #expect(swedish.error.hasPrefix("Fel: okänt kommando 'aprove'; menade du 'approve'?"), "\(swedish.error)")
        // Nothing near: the valid commands are listed as before.
        #expect(cli.run(["teleport"]).1.error.contains("valid ones: enroll, forum"))
    }

    @Test func aMistypedOptionGetsADidYouMean() {
        let (status, terminal) = cli.run(["forum", "add", "--titel", "Brukarråd"])
        #expect(status == 64)
        #expect(terminal.error.hasPrefix("Error: unknown option '--titel'; did you mean '--title'?"), "\(terminal.error)")
        let (_, swedish) = cli.run(["forum", "add", "--amuont", "500"], lang: "sv_SE.UTF-8")
        #expect(swedish.error.hasPrefix("Fel: okänd flagga '--amuont'; menade du '--amount'?"), "\(swedish.error)")
        // Nothing near: as before.
        #expect(cli.run(["forum", "add", "--teleport"]).1.error.hasPrefix("Error: unknown option '--teleport'"))
    }

    /// An error about a missing argument names it as the help does, in the help's language.
    @Test func aMissingArgumentIsNamedAsTheHelpNamesIt() {
        let (status, swedish) = cli.run(["participant", "edit"], lang: "sv_SE.UTF-8")
        #expect(status == 64)
        #expect(swedish.error.hasPrefix("Fel: argumentet '<deltagar-id>' saknas"), "\(swedish.error)")
        #expect(swedish.error.contains("Användning: forum participant edit [<alternativ>] <deltagar-id>"), "\(swedish.error)")
        let (_, english) = cli.run(["participant", "edit"])
        #expect(english.error.hasPrefix("Error: missing argument '<participant-id>'"), "\(english.error)")
    }

    /// A forum's kind may be typed as help and lists show it (`brukarråd`, `Träff`, `user
    /// council`), not only as stored (`brukarrad`): a facilitator who types the å is understood.
    @Test(arguments: [("brukarråd", ForumKind.brukarrad), ("Träff", .meeting), ("user council", .brukarrad),
                      ("framtidsverkstad", .framtidsverkstad), ("meeting", .meeting)])
    func aForumsKindIsAlsoUnderstoodByItsDisplayName(_ typed: String, _ kind: ForumKind) throws {
        try cli.profile()
        let id = try cli.forum()
        let (status, terminal) = cli.run(["forum", "edit", id, "--kind", typed])
        #expect(status == 0, "\(terminal.error)")
        let state = try #require(try cli.replica().state(collection: Forum.collection, id: id))
        #expect(try Forum(state).kind == kind)
        let (refused, error) = cli.run(["forum", "edit", id, "--kind", "fika"])
        #expect(refused == 64)
        #expect(error.error.contains("--kind"), "\(error.error)")
    }

    @Test(arguments: [("ja", true), ("nej", false), ("Ja", true), ("yes", true), ("no", false)])
    func yesAndNoAreAlsoUnderstoodInSwedish(_ word: String, _ anonymous: Bool) throws {
        try cli.profile()
        let id = try cli.participant("Anna")
        let (status, terminal) = cli.run(["participant", "edit", id, "--anonymous", word])
        #expect(status == 0, "\(terminal.error)")
        let state = try #require(try cli.replica().state(collection: Participant.collection, id: id))
        #expect(try Participant(state).anonymous == anonymous)
    }

    @Test func aWrongYesNoNamesTheAcceptedWords() throws {
        try cli.profile()
        let id = try cli.participant("Anna")
        let (status, terminal) = cli.run(["participant", "edit", id, "--anonymous", "kanske"])
        #expect(status == 64)
        #expect(terminal.error.contains("yes, no, ja, nej"), "\(terminal.error)")
    }

    @Test func statusesMayBeGivenByTheirSwedishOrEnglishNames() throws {
        try cli.profile()
        let forum = try cli.forum()
        for (word, expected) in [("genomförd", ForumStatus.held), ("Planerad", .planned), ("Held", .held), ("planned", .planned)] {
            let (status, terminal) = cli.run(["forum", "edit", forum, "--status", word])
            #expect(status == 0, "\(word): \(terminal.error)")
            let state = try #require(try cli.replica().state(collection: Forum.collection, id: forum))
            #expect(try Forum(state).status == expected)
        }
        let anna = try cli.participant("Anna")
        #expect(cli.run(["attend", forum, anna]).0 == 0)
        for word in ["föreslaget", "Föreslaget", "proposed"] {
            let (status, terminal) = cli.run(["honorarium", "list", "--status", word, "--json"])
            #expect(status == 0, "\(word): \(terminal.error)")
            #expect(terminal.text.contains(#""status":"proposed""#))
        }
        #expect(cli.run(["honorarium", "list", "--status", "godkänt", "--json"]).1.text == "[]\n")
    }
}

/// `forum conflicts` on the laptop (issue 19): an anonymous participant's conflicting
/// names are shown with the field and both values (the laptop's people may read them; the
/// record is marked anonymous), and writers are named as this laptop or by device id.
/// Seen failing before: the redaction for the admin merged both names into one pseudonym,
/// which left an entry with no field and no values.
@Suite struct ClientConflictViewTests {
    @Test func anAnonymousParticipantsConflictShowsTheFieldAndBothValues() throws {
        let cli = try CLIHarness(prefix: "forum-conflict-view")
        try cli.profile()
        let id = try cli.participant("Anna Andersson")
        #expect(cli.run(["participant", "edit", id, "--anonymous", "ja"]).0 == 0)
        let replica = try cli.replica()
        // Another device, concurrently, wrote another name.
        var other = RecordState(collection: Participant.collection, id: id)
        try other.write([Participant.Field.displayName: "Anna A."], by: RecordFixtures.replica("dev-other"),
                        at: HybridTimestamp(wallMillis: 1_764_000_000_000))
        _ = try replica.store.merge([other])
        let (status, terminal) = cli.run(["conflicts"])
        #expect(status == 0)
        let text = terminal.text
        #expect(text.contains("field displayName:"), "\(text)")
        #expect(text.contains("\"Anna Andersson\"") && text.contains("\"Anna A.\""), "\(text)")
        #expect(text.contains("written by this laptop") && text.contains("written by dev-other"), "\(text)")
        #expect(text.contains("(anonymous:"), "\(text)")
    }
}
