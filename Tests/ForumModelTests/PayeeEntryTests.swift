import ForumModel
import Foundation
import Testing

/// `PayeeEntry`: what a person types for a payee (on `forum payee set` or in the app's
/// form), checked once for both.
@Suite struct PayeeEntryTests {
    static let participant = String(repeating: "a", count: 32)

    @Test func aBankPayoutIsStoredDigitsOnlyAndTheNumberCanonical() throws {
        let payee = try PayeeEntry(identityNumber: " 811218-9876 ", payroll: false, clearing: "8327-9", account: "123 456.78")
            .payee(participantID: Self.participant).get()
        #expect(payee.identityNumber.canonical == "19811218-9876")
        #expect(payee.payout == .bank(clearing: "83279", account: "12345678"))
        #expect(payee.participantID == Self.participant)
    }

    @Test func payrollNeedsNoAccount() throws {
        let payee = try PayeeEntry(identityNumber: "7010632391", payroll: true, clearing: "", account: "  ")
            .payee(participantID: Self.participant).get()
        #expect(payee.payout == .payroll)
        #expect(payee.identityNumber.isCoordinationNumber)
    }

    @Test(arguments: [
        (PayeeEntry(identityNumber: nil, payroll: true), PayeeEntry.Problem.identityNumberMissing),
        (PayeeEntry(identityNumber: "811218-9875", payroll: true), .identityNumberInvalid),
        (PayeeEntry(identityNumber: "811218-9876", payroll: true, clearing: "6000", account: "1"), .payoutBoth),
        (PayeeEntry(identityNumber: "811218-9876", payroll: false), .payoutMissing),
        (PayeeEntry(identityNumber: "811218-9876", payroll: false, account: "1"), .clearingMissing),
        (PayeeEntry(identityNumber: "811218-9876", payroll: false, clearing: "6000"), .accountMissing),
        (PayeeEntry(identityNumber: "811218-9876", payroll: false, clearing: "12", account: "1"), .clearingInvalid),
        (PayeeEntry(identityNumber: "811218-9876", payroll: false, clearing: "6000", account: "12a"), .accountInvalid),
    ])
    func eachRefusalNamesItsProblemAndAReasonFromTheCatalogue(entry: PayeeEntry, expected: PayeeEntry.Problem) {
        guard case .failure(let problem) = entry.payee(participantID: Self.participant) else {
            Issue.record("accepted")
            return
        }
        #expect(problem == expected)
        #expect((problem.field == nil) == (problem.reasonKey == nil), "a field's problem has a reason; the payout's is worded per interface")
    }
}
