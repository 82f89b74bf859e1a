import FieldClient
import ForumCLI
import ForumModel
import Foundation
import Testing
import TestSupport

/// `forum export payments` as a CSV reader sees it (issue 19).
@Suite struct PaymentExportTests {
    let cli: CLIHarness

    init() throws {
        cli = try CLIHarness(prefix: "forum-payments")
    }

    @Test func thePaymentCSVStartsWithItsHeaderHasNoTotalRowAndCarriesTheIds() throws {
        try cli.profile(role: "coordinator")
        let forum = try cli.forum()
        let anna = try cli.participant("Anna Berg"), bo = try cli.participant("Bo")
        #expect(cli.run(["attend", forum, anna]).0 == 0)
        #expect(cli.run(["attend", forum, bo]).0 == 0)
        #expect(cli.run(["forum", "edit", forum, "--status", "held"]).0 == 0)
        #expect(cli.run(["honorarium", "approve-all", forum]).0 == 0)
        // A second forum, approved while held and then put back to planned: not paid.
        let later = try cli.forum(title: "Deltagarforum 4", start: "2026-11-26 13:00")
        let cecilia = try cli.participant("Cecilia")
        #expect(cli.run(["attend", later, cecilia]).0 == 0)
        #expect(cli.run(["forum", "edit", later, "--status", "held"]).0 == 0)
        #expect(cli.run(["honorarium", "approve-all", later]).0 == 0)
        #expect(cli.run(["forum", "edit", later, "--status", "planned"]).0 == 0)

        let (status, terminal) = cli.run(["export", "payments", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(status == 0)
        let rows = CSVReader.rows(terminal.output)
        #expect(rows.first == ["Honorarium id", "Participant id", "Date", "Forum", "Recipient", "Association",
                               "Anonymous in minutes", "Amount (SEK)", "Paying municipality",
                               "Not counted as income (income support)", "Payment method"])
        let data = rows.dropFirst()
        #expect(data.count == 2)
        #expect(data.allSatisfy { $0.count == 11 && $0[7] == "500" })
        let honoraria = Set(try [anna, bo].map { Honorarium.id(attendanceID: Attendance.id(forumID: forum, participantID: $0)) })
        #expect(Set(data.map { $0[0] }) == honoraria)
        #expect(Set(data.map { $0[1] }) == [anna, bo])
        #expect(!rows.joined().contains("Total") && !rows.joined().contains("1000"))
        // The confidentiality notice is said, but not as a row of the file.
        #expect(terminal.error.contains("CONFIDENTIAL"))
        #expect(!terminal.text.contains("CONFIDENTIAL"))

        let swedish = cli.run(["export", "payments", "--from", "2026-11-01", "--to", "2026-11-30"], lang: "sv_SE.UTF-8").1
        #expect(CSVReader.rows(swedish.output).first?.first == "Arvode-id")
        #expect(swedish.error.contains("KONFIDENTIELLT"))
    }
}
