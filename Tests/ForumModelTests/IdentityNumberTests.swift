import ForumModel
import Foundation
import SyncCore
import Testing

/// Personnummer and samordningsnummer as `IdentityNumber` reads them.
@Suite struct IdentityNumberTests {
    /// 7 December 2026, noon UTC.
    let now = Date(timeIntervalSince1970: 1_796_644_800)

    @Test(arguments: [
        ("811218-9876", "19811218-9876"),
        ("8112189876", "19811218-9876"),
        ("198112189876", "19811218-9876"),
        ("19811218-9876", "19811218-9876"),
        (" 811218-9876 ", "19811218-9876"),
        ("811218+9876", "18811218-9876"),   // '+': a hundred years or older
        ("7010632391", "19701063-2391"),    // samordningsnummer: day 63 = the 3rd
        ("850709-9805", "19850709-9805"),
    ])
    func readsEveryWrittenFormIntoTheCanonicalOne(_ written: String, _ canonical: String) {
        #expect(IdentityNumber(parsing: written, now: now)?.canonical == canonical)
    }

    @Test func aTenDigitNumberTakesTheLatestCenturyNotInTheFuture() throws {
        // 2026-12-07 is today: born today is 2026; the 8th of December would be in the future, so 1926.
        let today = try #require(Self.withCheckDigit("261207123"))
        #expect(IdentityNumber(parsing: today, now: now)?.canonical.hasPrefix("20261207") == true)
        let tomorrow = try #require(Self.withCheckDigit("261208123"))
        #expect(IdentityNumber(parsing: tomorrow, now: now)?.canonical.hasPrefix("19261208") == true)
        let twelveDigitsInTheFuture = "20261208" + tomorrow.suffix(4)
        #expect(IdentityNumber(parsing: twelveDigitsInTheFuture, now: now) == nil)
    }

    @Test(arguments: ["811218-9875", "811318-9876", "810230-1234", "8112189", "19811218+9876", "811218 9876",
                      "81121a-9876", "", "811218/9876", "7010932391"])
    func refusesWrongFormsDatesAndCheckDigits(_ written: String) {
        #expect(IdentityNumber(parsing: written, now: now) == nil)
    }

    @Test func everyWrongCheckDigitIsCaught() throws {
        for digit in 0...9 where digit != 6 {
            #expect(IdentityNumber(parsing: "811218-987\(digit)", now: now) == nil)
        }
    }

    @Test func itsDescriptionShowsNoDigits() throws {
        let number = try #require(IdentityNumber(parsing: "811218-9876", now: now))
        #expect(!"\(number)".contains("9876") && !String(describing: number).contains("1218"))
        #expect(!number.isCoordinationNumber)
        #expect(IdentityNumber(parsing: "7010632391", now: now)?.isCoordinationNumber == true)
    }

    @Test func theSchemaRefusesAStoredNumberThatIsNotCanonicalAndValid() throws {
        let participant = RecordState(collection: Participant.collection, id: String(repeating: "a", count: 32))
        for (stored, code) in [("811218-9876", "invalid_identity_number"), ("19811218-9875", "invalid_identity_number"),
                               ("19811218-9876", nil)] as [(String, String?)] {
            var state = RecordState(collection: Payee.collection, id: Payee.id(participantID: participant.id))
            try state.write([Payee.Field.participantID: .string(participant.id), Payee.Field.identityNumber: .string(stored),
                             Payee.Field.payout: .string("payroll")],
                            by: ReplicaID("dev-a")!, at: HybridTimestamp(wallMillis: 1_796_644_800_000, logical: 0))
            switch ForumRules.validate(state) {
            case .success: #expect(code == nil)
            case .failure(let error):
                #expect(error.code.rawValue == code)
                #expect(!error.message.contains("9876") && !error.message(.sv).contains("9876"))
            }
        }
    }

    /// Nine digits and their Luhn check digit.
    static func withCheckDigit(_ nine: String) -> String? {
        let digits = nine.compactMap(\.wholeNumberValue)
        guard digits.count == 9 else { return nil }
        let sum = digits.enumerated().reduce(0) { sum, pair in
            let doubled = pair.offset % 2 == 0 ? pair.element * 2 : pair.element
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
        return nine + String((10 - sum % 10) % 10)
    }
}
