import Foundation

/// Payee details as a person types them (on `forum payee set`'s options or in the app's
/// form), checked into a `Payee`: the one place the rules of entry live, so the CLI and
/// the app refuse the same values for the same reasons.
///
/// Personal data: a problem names the field and the rule, never the value typed.
///
/// ```swift
/// switch PayeeEntry(identityNumber: "811218-9876", payroll: true).payee(participantID: id) {
/// case .success(let payee): …
/// case .failure(let problem): print(problem.reasonKey)   // a catalogue key
/// }
/// ```
public struct PayeeEntry: Sendable {
    /// Why an entry was refused.
    public enum Problem: Error, Equatable, Sendable {
        /// No identity number.
        case identityNumberMissing
        /// The identity number is no personnummer or samordningsnummer (form, date, check digit).
        case identityNumberInvalid
        /// Both a bank account and payroll.
        case payoutBoth
        /// Neither a bank account nor payroll.
        case payoutMissing
        /// A bank payout without a clearing number.
        case clearingMissing
        /// A bank payout without an account number.
        case accountMissing
        /// A clearing number without 4 or 5 digits.
        case clearingInvalid
        /// An account number without 1 to 15 digits.
        case accountInvalid

        /// The field the problem is about, `nil` for the payout as a whole.
        public var field: Field? {
            switch self {
            case .identityNumberMissing, .identityNumberInvalid: .identityNumber
            case .clearingMissing, .clearingInvalid: .clearing
            case .accountMissing, .accountInvalid: .account
            case .payoutBoth, .payoutMissing: nil
            }
        }

        /// The catalogue key of the reason (`client.reason.*`) for a problem with one
        /// field; `nil` for the payout as a whole, which each interface words for its own
        /// controls (options or a choice).
        public var reasonKey: String? {
            switch self {
            case .identityNumberMissing, .clearingMissing, .accountMissing: "client.reason.required"
            case .identityNumberInvalid: "client.reason.identity_number"
            case .clearingInvalid: "client.reason.clearing_number"
            case .accountInvalid: "client.reason.account_number"
            case .payoutBoth, .payoutMissing: nil
            }
        }
    }

    /// The fields of an entry.
    public enum Field: String, Sendable {
        case identityNumber, clearing, account
    }

    /// The identity number as typed.
    public var identityNumber: String?
    /// Whether the payout is the municipality's payroll.
    public var payroll: Bool
    /// The clearing number as typed.
    public var clearing: String?
    /// The account number as typed.
    public var account: String?

    /// An entry; empty or blank texts count as not given.
    public init(identityNumber: String?, payroll: Bool, clearing: String? = nil, account: String? = nil) {
        func given(_ text: String?) -> String? {
            text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        }
        self.identityNumber = given(identityNumber)
        self.payroll = payroll
        self.clearing = given(clearing)
        self.account = given(account)
    }

    /// The payee of `participantID` this entry gives, or the first problem with it (in the
    /// order identity number, payout, clearing, account).
    public func payee(participantID: String, now: Date = Date()) -> Result<Payee, Problem> {
        guard let typed = identityNumber else { return .failure(.identityNumberMissing) }
        guard let number = IdentityNumber(parsing: typed, now: now) else { return .failure(.identityNumberInvalid) }
        let payout: Payee.Payout
        switch (payroll, clearing, account) {
        case (true, nil, nil): payout = .payroll
        case (true, _, _): return .failure(.payoutBoth)
        case (false, nil, nil): return .failure(.payoutMissing)
        case (false, nil, _): return .failure(.clearingMissing)
        case (false, _, nil): return .failure(.accountMissing)
        case (false, let clearing?, let account?):
            guard let clearing = Payee.clearingNumber(parsing: clearing) else { return .failure(.clearingInvalid) }
            guard let account = Payee.accountNumber(parsing: account) else { return .failure(.accountInvalid) }
            payout = .bank(clearing: clearing, account: account)
        }
        return .success(Payee(participantID: participantID, identityNumber: number, payout: payout))
    }
}
