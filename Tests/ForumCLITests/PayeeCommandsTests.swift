import FieldClient
import ForumCLI
import ForumModel
import Foundation
import SyncCore
import Testing
import TestSupport

/// `forum payee set|show`: a participant's payment details, for coordinators only (issue 19).
@Suite struct PayeeCommandsTests {
    let cli: CLIHarness

    init() throws {
        cli = try CLIHarness(prefix: "forum-payee")
    }

    @Test func aCoordinatorSetsAndReadsBackABankPayoutAndThenPayroll() throws {
        try cli.profile(role: "coordinator")
        let anna = try cli.participant("Anna Berg")
        let (status, set) = cli.run(["payee", "set", String(anna.prefix(8)), "--personnummer", "811218-9876",
                                     "--clearing", "6000", "--account", "123 456 789"])
        #expect(status == 0)
        #expect(set.text.contains("saved"))
        // The confirmation does not repeat the number.
        #expect(!set.text.contains("9876") && !set.error.contains("9876"))

        let show = cli.run(["payee", "show", anna]).1
        #expect(show.text.contains("19811218-9876"))
        #expect(show.text.contains("Bank account") && show.text.contains("6000") && show.text.contains("123456789"))
        let json = try JSONParser().parse(cli.run(["payee", "show", anna, "--json"]).1.output)
        #expect(json["identityNumber"]?.stringValue == "19811218-9876")
        #expect(json["payout"]?.stringValue == "bank")
        #expect(json["accountNumber"]?.stringValue == "123456789")

        // One record per participant, its id derived from the participant's.
        #expect(cli.run(["payee", "set", anna, "--personnummer", "19811218-9876", "--payroll"]).0 == 0)
        #expect(try cli.ids(Payee.collection) == [Payee.id(participantID: anna)])
        let again = try JSONParser().parse(cli.run(["payee", "show", anna, "--json"]).1.output)
        #expect(again["payout"]?.stringValue == "payroll")
        #expect(again["clearingNumber"] == .null && again["accountNumber"] == .null)
        let swedish = cli.run(["payee", "show", anna], lang: "sv_SE.UTF-8").1
        #expect(swedish.text.contains("Personnummer") && swedish.text.contains("Via kommunens lön"))
    }

    @Test func aParticipantWithoutDetailsIsSaidToHaveNone() throws {
        try cli.profile(role: "coordinator")
        let bo = try cli.participant("Bo")
        let (status, terminal) = cli.run(["payee", "show", bo])
        #expect(status == 0)
        #expect(terminal.text.contains("no payment details yet"))
        #expect(cli.run(["payee", "show", bo, "--json"]).1.text == "null\n")
    }

    @Test(arguments: [
        "811218-9875",   // wrong check digit
        "811318-9876",   // month 13
        "810230-1234",   // 30 February
        "8112189",       // too short
        "19811218+9876", // '+' with a 12-digit number
        "811218 9876",   // a space is no separator
    ])
    func anInvalidIdentityNumberIsRefusedWithoutEchoingItAndNothingIsStored(_ number: String) throws {
        try cli.profile(role: "coordinator")
        let anna = try cli.participant("Anna Berg")
        let (status, terminal) = cli.run(["payee", "set", anna, "--personnummer", number, "--payroll"])
        #expect(status == 64)
        #expect(terminal.error.contains("--personnummer"))
        #expect(terminal.error.contains("not a valid personal identity or coordination number"))
        #expect(!terminal.error.contains(number) && !terminal.text.contains(number))
        #expect(try cli.ids(Payee.collection).isEmpty)
        let swedish = cli.run(["payee", "set", anna, "--personnummer", number, "--payroll"], lang: "sv_SE.UTF-8").1
        #expect(swedish.error.contains("inget giltigt personnummer eller samordningsnummer"))
    }

    @Test func aCoordinationNumberIsAcceptedAndAPayoutMustBeOneOrTheOther() throws {
        try cli.profile(role: "coordinator")
        let anna = try cli.participant("Anna Berg")
        // Day 63 = the 3rd + 60: a samordningsnummer.
        #expect(cli.run(["payee", "set", anna, "--personnummer", "7010632391", "--payroll"]).0 == 0)
        let both = cli.run(["payee", "set", anna, "--personnummer", "7010632391", "--payroll", "--clearing", "6000",
                            "--account", "1"])
        #expect(both.0 == 64)
        #expect(both.1.error.contains("not both"))
        let neither = cli.run(["payee", "set", anna, "--personnummer", "7010632391"], lang: "sv_SE.UTF-8")
        #expect(neither.0 == 64)
        #expect(neither.1.error.contains("Ange hur arvodet betalas"))
        let badClearing = cli.run(["payee", "set", anna, "--personnummer", "7010632391", "--clearing", "12", "--account", "1"])
        #expect(badClearing.0 == 64)
        #expect(badClearing.1.error.contains("--clearing"))
    }

    /// The role is refused before the entry is judged: unlike other commands' options, the
    /// details are checked in `run`, after `requirePayeeRole`, so a facilitator learns nothing
    /// about a number's validity.
    @Test func aFacilitatorIsRefusedBeforeTheEntryIsChecked() throws {
        try cli.profile(role: "facilitator")
        let anna = try cli.participant("Anna Berg")
        let (status, terminal) = cli.run(["payee", "set", anna, "--personnummer", "811218-9875", "--payroll"])
        #expect(status == 1)
        #expect(terminal.error.contains("only coordinators may read and change this data"), "\(terminal.error)")
        #expect(!terminal.error.contains("--personnummer"))
    }

    @Test func aFacilitatorIsRefusedBothCommandsInItsLanguageAndNothingIsStored() throws {
        try cli.profile(role: "facilitator")
        let anna = try cli.participant("Anna Berg")
        let set = cli.run(["payee", "set", anna, "--personnummer", "811218-9876", "--payroll"])
        #expect(set.0 == 1)
        #expect(set.1.error.contains("only coordinators may read and change this data, not the role facilitator"))
        #expect(!set.1.error.contains("9876"))
        let show = cli.run(["payee", "show", anna], lang: "sv_SE.UTF-8")
        #expect(show.0 == 1)
        #expect(show.1.error.contains("bara samordnare får läsa och ändra de här uppgifterna, inte rollen processledare"))
        #expect(try cli.ids(Payee.collection).isEmpty)

        // Even written past the command (a forged local write), the replica's rules refuse it.
        let replica = try cli.replica()
        let payee = Payee(participantID: anna, identityNumber: try #require(IdentityNumber(parsing: "811218-9876")),
                          payout: .payroll)
        #expect(throws: ClientError.self) {
            try replica.write(collection: Payee.collection, id: payee.id, values: payee.fields)
        }
        #expect(try cli.ids(Payee.collection).isEmpty)
    }

    @Test func helpExplainsTheCommandsInBothLanguages() throws {
        let english = cli.run(["payee", "set", "--help"]).1.text
        #expect(english.contains("--personnummer <YYYYMMDD-NNNN>"))
        #expect(english.contains("--payroll"))
        let swedish = cli.run(["payee", "set", "--help"], lang: "sv_SE.UTF-8").1.text
        #expect(swedish.contains("--personnummer <ÅÅÅÅMMDD-NNNN>"))
        #expect(swedish.contains("kommunens lön"))
        #expect(cli.run(["payee", "--help"], lang: "sv_SE.UTF-8").1.text.contains("processledarnas datorer"))
    }
}

extension PayeeCommandsTests {
    @Test func deletingTheParticipantOnTheCoordinatorsLaptopDeletesThePayeeWithIt() throws {
        try cli.profile(role: "coordinator")
        let anna = try cli.participant("Anna Berg")
        #expect(cli.run(["payee", "set", anna, "--personnummer", "811218-9876", "--payroll"]).0 == 0)
        let (status, terminal) = cli.run(["participant", "delete", anna, "--yes"])
        #expect(status == 0, "\(terminal.error)")
        let stored = try #require(try cli.replica().state(collection: Payee.collection, id: Payee.id(participantID: anna)))
        #expect(stored.isDeleted)
        #expect(stored[Payee.Field.identityNumber] == nil)
        #expect(!String(decoding: try cli.replica().canonicalExport(pendingOnly: false), as: UTF8.self).contains("9876"))
    }
}
