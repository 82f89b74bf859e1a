import FieldClient
import ForumCLI
import ForumModel
import Foundation
import Testing
import TestSupport

/// Honoraria and the payment list through the `forum` command line (issue 19).
@Suite struct HonorariumCommandsTests {
    let cli: CLIHarness

    init() throws {
        cli = try CLIHarness(prefix: "forum-honoraria")
    }

    /// A forum on 24 November 2026 with Anna and Bo attending (500 kr proposed each).
    func meeting() throws -> (forum: String, anna: String, bo: String) {
        let forum = try cli.forum()
        let anna = try cli.participant("Anna Berg"), bo = try cli.participant("Bo")
        #expect(cli.run(["attend", forum, anna]).0 == 0)
        #expect(cli.run(["attend", forum, bo]).0 == 0)
        return (forum, anna, bo)
    }

    @Test func approvalOfAForumNotYetHeldIsRefusedInBothLanguages() throws {
        try cli.profile(role: "coordinator")
        let (forum, anna, _) = try meeting()
        let honorarium = String(Honorarium.id(attendanceID: Attendance.id(forumID: forum, participantID: anna)).prefix(8))
        let english = cli.run(["honorarium", "approve", honorarium])
        #expect(english.0 == 1)
        #expect(english.1.error.contains("only once the forum has been held"), "\(english.1.error)")
        let swedish = cli.run(["honorarium", "approve", honorarium], lang: "sv_SE.UTF-8")
        #expect(swedish.0 == 1)
        #expect(swedish.1.error.contains("först när forumet har genomförts"), "\(swedish.1.error)")
        let all = cli.run(["honorarium", "approve-all", forum])
        #expect(all.0 == 1)
        #expect(all.1.error.contains("only once the forum has been held"))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(cli.run(["honorarium", "list", "--json"]).1.output)) as? [[String: Any]])
        #expect(rows.allSatisfy { $0["status"] as? String == "proposed" })
    }

    @Test func anAbsentParticipantsHonorariumIsFlaggedSkippedWithAReasonAndProposedAgainOnReturn() throws {
        try cli.profile(role: "facilitator")
        let (forum, _, bo) = try meeting()
        #expect(cli.run(["absent", forum, bo]).0 == 0)
        let status = cli.run(["status"]).1.text
        #expect(status.contains("To review: 1"), "\(status)")
        #expect(status.contains("marked absent"))
        #expect(cli.run(["forum", "edit", forum, "--status", "held"]).0 == 0)

        try cli.profile(role: "coordinator")
        let (approved, terminal) = cli.run(["honorarium", "approve-all", forum])
        #expect(approved == 0)
        #expect(terminal.text.contains("1 honoraria approved"), "\(terminal.text)")
        #expect(terminal.text.contains("Skipped 1"), "\(terminal.text)")
        #expect(terminal.text.contains("Bo"))
        #expect(terminal.text.contains("marked absent"))
        let swedish = cli.run(["honorarium", "approve-all", forum], lang: "sv_SE.UTF-8").1.text
        #expect(swedish.contains("Hoppade över 1"), "\(swedish)")
        #expect(swedish.contains("frånvarande"))

        // Bo did come after all: the proposal stands again and the flag is gone.
        try cli.profile(role: "facilitator")
        #expect(cli.run(["attend", forum, bo]).0 == 0)
        #expect(cli.run(["status"]).1.text.contains("To review: 0"))
        try cli.profile(role: "coordinator")
        #expect(cli.run(["honorarium", "approve-all", forum]).1.text.contains("1 honoraria approved"))
    }

    @Test func reattendingSomeoneWhoseHonorariumWasDeclinedSaysItStaysDeclined() throws {
        try cli.profile(role: "coordinator")
        let (forum, _, bo) = try meeting()
        #expect(cli.run(["absent", forum, bo]).0 == 0)
        let honorarium = String(Honorarium.id(attendanceID: Attendance.id(forumID: forum, participantID: bo)).prefix(8))
        #expect(cli.run(["honorarium", "decline", honorarium, "--reason", "Frånvarande"]).0 == 0)
        let (status, terminal) = cli.run(["attend", forum, bo])
        #expect(status == 0)
        #expect(terminal.text.contains("stays declined"), "\(terminal.text)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(cli.run(["honorarium", "list", "--json"]).1.output)) as? [[String: Any]])
        #expect(rows.filter { $0["status"] as? String == "declined" }.count == 1)
    }
}
