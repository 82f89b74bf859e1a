import ArgumentParsing
import FieldClient
import ForumCLI
import ForumModel
import Foundation
import Testing
import TestSupport

/// Golden tests of the `forum` command line, run in-process against a profile that was
/// never connected (every command here works offline).
@Suite struct ForumCLITests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "forum-cli")
    }

    /// Enrols a profile by writing it, as `forum enroll` would.
    func profile(role: String = "facilitator") throws {
        try ClientProfile(serverURL: "http://127.0.0.1:9", replica: RecordFixtures.replica("dev-test"),
                          token: String(repeating: "a", count: 64), role: role, municipalities: ["Södertälje"])
            .save(to: directory.path("config.json"))
    }

    func run(_ arguments: [String], lang: String = "C", terminal: BufferTerminal = BufferTerminal()) -> (Int32, BufferTerminal) {
        let environment = ["LANG": lang, "FORUM_RETRY_ATTEMPTS": "1"]
        let status = ForumCLI.run(arguments: ["--data", directory.url.path] + arguments, environment: environment,
                                  terminal: terminal)
        return (status, terminal)
    }

    @Test func helpDocumentsTheExitCodes() {
        let (status, terminal) = run(["--help"])
        #expect(status == 0)
        #expect(terminal.text.hasPrefix("OVERVIEW: Record forums, participants and honoraria offline"))
        #expect(terminal.text.contains("""
            Exit codes:
              0   done
              1   the command failed (e.g. refused by the permission rules)
              2   the sync did not complete (server unreachable or failing); nothing lost
              3   this device has been revoked by the administrator
              64  the command line was wrong
            """))
    }

    @Test func helpIsSwedishWhenTheLocaleIs() {
        let (status, terminal) = run(["sync", "--help"], lang: "sv_SE.UTF-8")
        #expect(status == 0)
        #expect(terminal.text.hasPrefix("ÖVERSIKT: Skicka dina ändringar till servern och hämta andras."))
        #expect(terminal.text.contains("ANVÄNDNING: forum sync [--json]"))
    }

    /// Walked from the command tree: a new command needs no line here.
    @Test func everyCommandHasHelp() {
        for path in ForumCommandPaths.runnable {
            let (status, terminal) = run(path + ["--help"])
            #expect(status == 0)
            #expect(terminal.text.contains("USAGE: forum " + path.joined(separator: " ")), "\(path)")
        }
    }

    @Test func usageErrorsExit64() {
        let (status, terminal) = run(["forum", "add", "--bogus"])
        #expect(status == 64)
        #expect(terminal.error == """
            Error: unknown option '--bogus'
            Usage: forum forum add [<options>]
            See 'forum forum add --help'.

            """)
        #expect(run(["attend"]).0 == 64)
        #expect(run(["teleport"]).0 == 64)
    }

    @Test func aMissingRequiredOptionIsAUsageError() throws {
        try profile()
        let (status, terminal) = run(["forum", "add", "--start", "2030-01-10 13:00"])
        #expect(status == 64)
        #expect(terminal.error.hasPrefix("Error: invalid value for '--title': required"))
    }

    @Test func withoutEnrolmentCommandsSayHowToEnrol() {
        let (status, terminal) = run(["status"], lang: "sv_SE.UTF-8")
        #expect(status == 1)
        #expect(terminal.error == "Fel: datorn är inte registrerad; kör 'forum enroll ADRESS KOD' med koden från administratören\n")
    }

    @Test func statusInEnglishAndSwedish() throws {
        try profile()
        #expect(run(["participant", "add", "Anna"]).0 == 0)
        #expect(run(["status"]).1.text == """
            Device dev-test (facilitator) with http://127.0.0.1:9
            Unsynced changes: 1
            Never synced.
            Open conflicts: 0
            To review: 0

            """)
        #expect(run(["status"], lang: "sv_SE.UTF-8").1.text == """
            Enhet dev-test (processledare) mot http://127.0.0.1:9
            Osynkade ändringar: 1
            Aldrig synkad.
            Öppna konflikter: 0
            Att granska: 0

            """)
    }

    @Test func forumListShowsStockholmTimeInBothLanguages() throws {
        try profile()
        let (added, _) = run(["forum", "add", "--title", "Deltagarforum 3", "--start", "2030-06-24 13:00", "--amount", "500"])
        #expect(added == 0)
        let english = run(["forum", "list"]).1.text
        #expect(english.contains("2030-06-24 13:00  Deltagarforum 3  Södertälje    Planned"))
        let swedish = run(["forum", "list"], lang: "sv_SE.UTF-8").1.text
        #expect(swedish.hasPrefix("ID        Tid               Rubrik"))
        #expect(swedish.contains("Planerad"))
        let json = run(["forum", "list", "--json"]).1.text
        #expect(json.contains(#""start":"2030-06-24T11:00:00Z""#))
    }

    @Test func aFacilitatorIsRefusedApprovalWithTheDomainMessage() throws {
        try profile()
        #expect(run(["forum", "add", "--title", "F", "--start", "2030-06-24 13:00", "--amount", "500"]).0 == 0)
        #expect(run(["participant", "add", "Anna"]).0 == 0)
        let replica = try LocalReplica(path: directory.path("replica.sqlite"),
                                       profile: try ClientProfile.load(from: directory.path("config.json")).profile)
        let forumID = try #require(try replica.store.ids(in: Forum.collection, withPrefix: "").first)
        let participantID = try #require(try replica.store.ids(in: Participant.collection, withPrefix: "").first)
        #expect(run(["attend", forumID, participantID]).0 == 0)
        let honorarium = try #require(try replica.store.ids(in: Honorarium.collection, withPrefix: "").first)
        let (status, terminal) = run(["honorarium", "approve", String(honorarium.prefix(6))], lang: "sv_SE.UTF-8")
        #expect(status == 1)
        #expect(terminal.error == "Fel: nekat: " + DomainError(.roleForbidden, ["role": "facilitator"]).message(.sv) + "\n")
        #expect(run(["export", "payments", "--from", "2030-01-01", "--to", "2030-12-31"]).0 == 1)
    }

    @Test func anAmbiguousPrefixListsCandidatesOrAsksOnATerminal() throws {
        try profile()
        let replica = try LocalReplica(path: directory.path("replica.sqlite"),
                                       profile: try ClientProfile.load(from: directory.path("config.json")).profile)
        for id in ["ab01", "ab02"] {
            try replica.write(collection: Participant.collection, id: id,
                              values: Participant(id: id, displayName: "Person \(id)", municipality: "Södertälje").fields)
        }
        let (status, terminal) = run(["participant", "edit", "ab", "--name", "Ny"])
        #expect(status == 1)
        #expect(terminal.error.contains("several records (participant) have ids starting with ab"))
        #expect(terminal.error.contains("1. ab01  Person ab01") && terminal.error.contains("2. ab02  Person ab02"))

        let interactive = BufferTerminal(isInteractive: true, input: ["2"])
        #expect(run(["participant", "edit", "ab", "--name", "Ny"], terminal: interactive).0 == 0)
        #expect(try replica.state(collection: Participant.collection, id: "ab02")?[Participant.Field.displayName] == "Ny")
        #expect(try replica.state(collection: Participant.collection, id: "ab01")?[Participant.Field.displayName] == "Person ab01")
    }

    @Test func anUnreachableServerExitsTwoAndKeepsTheChanges() throws {
        try profile()
        #expect(run(["participant", "add", "Anna"]).0 == 0)
        let (status, terminal) = run(["sync", "--json"])
        #expect(status == 2)
        #expect(terminal.text == #"{"error":{"code":"server_unreachable"},"ok":false,"pending":1}"# + "\n")
        #expect(terminal.error.contains("your 1 changes are stored on this laptop"))
    }
}
