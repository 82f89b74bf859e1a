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
                               "Not counted as income (income support)", "Payment method",
                               "Personal identity number", "Paid to", "Clearing number", "Account number"])
        let data = rows.dropFirst()
        #expect(data.count == 2)
        #expect(data.allSatisfy { $0.count == 15 && $0[7] == "500" })
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

    @Test func thePaymentCSVCarriesPayeeDetailsAndListsRowsWithoutThemWithANoticeThatNamesNoOne() throws {
        try cli.profile(role: "coordinator")
        let forum = try cli.forum()
        let anna = try cli.participant("Anna Berg"), bo = try cli.participant("Bo Ek"), cecilia = try cli.participant("Cecilia")
        for person in [anna, bo, cecilia] { #expect(cli.run(["attend", forum, person]).0 == 0) }
        #expect(cli.run(["forum", "edit", forum, "--status", "held"]).0 == 0)
        #expect(cli.run(["honorarium", "approve-all", forum]).0 == 0)
        // Anna is paid to a bank account (a 5-digit Swedbank clearing), Bo through payroll
        // (a coordination number, 10 digits with '-'), Cecilia's details are not in yet.
        #expect(cli.run(["payee", "set", anna, "--personnummer", "198112189876", "--clearing", "8327-9",
                         "--account", "0123 456 789"]).0 == 0)
        #expect(cli.run(["payee", "set", bo, "--personnummer", "701063-2391", "--payroll"]).0 == 0)

        let (status, terminal) = cli.run(["export", "payments", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(status == 0)
        let bytes = terminal.output
        #expect(Array(bytes.prefix(3)) == ExcelCSV.byteOrderMark)
        let rows = CSVReader.rows(bytes)
        #expect(Array(rows[0].suffix(4)) == ["Personal identity number", "Paid to", "Clearing number", "Account number"])
        let byParticipant = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[1], $0) })
        #expect(byParticipant.count == 3)
        #expect(byParticipant[anna].map { Array($0.suffix(4)) } == ["19811218-9876", "Bank account", "83279", "0123456789"])
        #expect(byParticipant[bo].map { Array($0.suffix(4)) } == ["19701063-2391", "Payroll", "", ""])
        #expect(byParticipant[cecilia].map { Array($0.suffix(4)) } == ["", "", "", ""])
        #expect(rows.allSatisfy { $0.count == 15 })
        // Separator ';', CRLF line ends, one line per row: what Swedish Excel opens by double-click.
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
        #expect(!text.contains(","))
        // The notice counts the rows without details, names no one, and is not in the file.
        #expect(terminal.error.contains("payments without payment details (identity number, account): 1;"))
        #expect(!terminal.error.contains("Cecilia") && !terminal.error.contains(cecilia))
        #expect(!text.contains("without payment details"))

        let swedish = cli.run(["export", "payments", "--from", "2026-11-01", "--to", "2026-11-30"], lang: "sv_SE.UTF-8").1
        #expect(Array(CSVReader.rows(swedish.output)[0].suffix(4)) == ["Personnummer", "Utbetalning till", "Clearingnummer", "Kontonummer"])
        #expect(swedish.error.contains("utbetalningar utan utbetalningsuppgifter (personnummer, konto): 1;"))
    }
}
