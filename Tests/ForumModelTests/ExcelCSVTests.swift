import Foundation
import Messages
import SyncCore
import Testing
@testable import ForumModel

@Suite struct ExcelCSVTests {
    @Test func writesBOMSemicolonsCRLFQuotingAndFormulaGuards() {
        let bytes = ExcelCSV.bytes([["Namn", "Kommun", "Belopp"],
                                    ["Åsa Öberg", "Södertälje", "900"],
                                    ["RSMH; Södertälje", "Norrtälje", "500"],
                                    ["=SUMMA(A1)", "säger \"hej\"", "-5"],
                                    ["rad 1\nrad 2", "@x", "\tx"]])
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
            + Array("Namn;Kommun;Belopp\r\n".utf8)
            + [0xC3, 0x85] + Array("sa ".utf8) + [0xC3, 0x96] + Array("berg;S".utf8) + [0xC3, 0xB6] + Array("dert".utf8)
            + [0xC3, 0xA4] + Array("lje;900\r\n".utf8)
            + Array("\"RSMH; S".utf8) + [0xC3, 0xB6] + Array("dert".utf8) + [0xC3, 0xA4] + Array("lje\";Norrt".utf8)
            + [0xC3, 0xA4] + Array("lje;500\r\n".utf8)
            + Array("'=SUMMA(A1);\"s".utf8) + [0xC3, 0xA4] + Array("ger \"\"hej\"\"\";'-5\r\n".utf8)
            + Array("\"rad 1\nrad 2\";'@x;'\tx\r\n".utf8)
        #expect(bytes == expected)
    }

    @Test(arguments: [("=1+1", "'=1+1"), ("+46 70", "'+46 70"), ("-", "'-"), ("@SUM", "'@SUM"), ("\rx", "\"'\rx\""),
                      ("plain", "plain"), ("a;b", "\"a;b\""), ("", ""), ("1-2", "1-2")])
    func guardsAndQuotesOneCell(_ input: String, _ expected: String) {
        #expect(ExcelCSV.cell(input) == expected)
    }

    @Test func paymentListExportsExactBytesForExcel() throws {
        var world = Fixture()
        let named = try #require(world.lookup.state(collection: Participant.collection, id: Fixture.namedID))
        world.lookup.insert(Fixture.edit(named, [Participant.Field.displayName: "Åsa Öberg", Participant.Field.association: "RSMH; Södertälje"]))
        world.lookup.insert(Fixture.honorarium(Fixture.namedID, status: .approved))
        world.lookup.insert(Fixture.honorarium(Fixture.anonymousID, status: .approved))
        world.lookup.insert(Fixture.honorarium(Fixture.absentID, status: .proposed))
        // The named participant's payment details are in; the anonymous one's are not yet.
        let payee = Payee(participantID: Fixture.namedID, identityNumber: try #require(IdentityNumber(parsing: "811218-9876")),
                          payout: .bank(clearing: try #require(Payee.clearingNumber(parsing: "8327-9")),
                                        account: try #require(Payee.accountNumber(parsing: "012 345 678-9"))))
        world.lookup.insert(Fixture.make(Payee.collection, payee.id, payee.fields))
        let period = ReportPeriod(start: try #require(RecordTime.instant("2026-10-31T23:00:00Z")),
                                  end: try #require(RecordTime.instant("2026-11-30T23:00:00Z")))
        let list = try PaymentList.make(actor: Fixture.coordinator, municipality: "Södertälje", period: period, lookup: world.lookup).get()
        #expect(list.total == 1800)
        let namedHonorarium = Honorarium.id(attendanceID: Fixture.attendanceID(Fixture.namedID))
        let anonymousHonorarium = Honorarium.id(attendanceID: Fixture.attendanceID(Fixture.anonymousID))
        // The header first, one row per honorarium, no title and no total among the rows.
        let expected = "\u{FEFF}Arvode-id;Deltagar-id;Datum;Forum;Mottagare;Förening;Anonym i protokoll;Belopp (kr);"
            + "Utbetalande kommun;Räknas ej som inkomst (försörjningsstöd);Betalningssätt;"
            + "Personnummer;Utbetalning till;Clearingnummer;Kontonummer\r\n"
            + "\(anonymousHonorarium);p-anon;2026-11-24;Deltagarforum 1;Johan Ek;Attention;Ja;900;Södertälje;Nej;;;;;\r\n"
            + "\(namedHonorarium);p-named;2026-11-24;Deltagarforum 1;Åsa Öberg;\"RSMH; Södertälje\";Nej;900;Södertälje;Nej;;"
            + "19811218-9876;Bankkonto;83279;0123456789\r\n"
        #expect(list.csv(.sv) == Array(expected.utf8))
        #expect(list.missingPayees == 1)
    }

    @Test(arguments: [(Fixture.facilitator, DomainError.Code.roleForbidden), (Fixture.admin, .roleForbidden),
                      (Fixture.norrtaljeCoordinator, .outsideScope)])
    func paymentListIsForCoordinatorsOfTheMunicipalityOnly(_ actor: Actor, _ code: DomainError.Code) {
        let period = ReportPeriod(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 4_000_000_000))
        let result = PaymentList.make(actor: actor, municipality: "Södertälje", period: period, lookup: Fixture().lookup)
        guard case .failure(let error) = result else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.code == code)
    }
}
