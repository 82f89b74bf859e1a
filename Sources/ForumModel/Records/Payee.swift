import Foundation
import SyncCore

/// How a participant is paid, for the coordinator who pays honoraria: a personal identity
/// number (or coordination number) and a payout, a bank account or the municipality's
/// payroll.
///
/// At most one per participant (the id is derived from the participant's). Read and written
/// only by coordinators and the server (`CollectionSpec.roles`): a facilitator's laptop never
/// receives one, and a forum is recorded without it; the coordinator completes it at the
/// office. Personal data: no value of it goes in an error, a log or a metric.
public struct Payee: Hashable, Sendable {
    /// The collection name.
    public static let collection = "payee"

    /// Field names in the record.
    public enum Field {
        public static let participantID = "participantId"
        public static let identityNumber = "identityNumber"
        public static let payout = "payout"
        public static let clearingNumber = "clearingNumber"
        public static let accountNumber = "accountNumber"
        /// The fields that identify the person or their money: hidden from every audience
        /// but coordinators, cleared by a delete.
        public static var personal: [String] { ForumSchema.payee.personalFields }
    }

    /// Where the money goes.
    public enum Payout: Hashable, Sendable {
        /// A bank account: clearing number (4–5 digits) and account number.
        case bank(clearing: String, account: String)
        /// The municipality's payroll (lön), which knows the person by identity number.
        case payroll

        /// The value of the field `payout`.
        public var kind: Kind {
            switch self {
            case .bank: .bank
            case .payroll: .payroll
            }
        }
    }

    /// The stored values of the field `payout`.
    public enum Kind: String, Sendable, CaseIterable, Hashable {
        case bank
        case payroll
    }

    /// The participant's id.
    public var participantID: String
    /// The personal identity or coordination number.
    public var identityNumber: IdentityNumber
    /// The payout.
    public var payout: Payout

    /// The record id: derived from the participant's.
    public var id: String { Self.id(participantID: participantID) }

    /// The id of the payee record of `participantID`.
    public static func id(participantID: String) -> String {
        RecordID.derived(collection: collection, naturalKey: [participantID])
    }

    /// Creates a payee.
    public init(participantID: String, identityNumber: IdentityNumber, payout: Payout) {
        self.participantID = participantID
        self.identityNumber = identityNumber
        self.payout = payout
    }

    /// Reads and validates a payee record's visible values.
    /// - Throws: `DomainError` for the first problem `ForumSchema` finds.
    public init(_ state: RecordState, configuration: DomainConfiguration = DomainConfiguration()) throws(DomainError) {
        let reader = FieldReader(state: state, configuration: configuration)
        try reader.expectCollection(Self.collection)
        try ForumSchema.payee.validate(state, configuration: configuration)
        participantID = try reader.string(Field.participantID)
        guard let number = IdentityNumber(parsing: try reader.string(Field.identityNumber)) else {
            throw DomainError(.invalidIdentityNumber, ["field": Field.identityNumber])
        }
        identityNumber = number
        switch try reader.enumValue(Field.payout, as: Kind.self) {
        case .bank:
            payout = .bank(clearing: try reader.string(Field.clearingNumber), account: try reader.string(Field.accountNumber))
        case .payroll:
            payout = .payroll
        }
    }

    /// The values to write for this payee (a payroll payout clears the bank fields).
    public var fields: [String: JSONValue] {
        var values: [String: JSONValue] = [
            Field.participantID: .string(participantID), Field.identityNumber: .string(identityNumber.canonical),
            Field.payout: .string(payout.kind.rawValue),
        ]
        switch payout {
        case .bank(let clearing, let account):
            values[Field.clearingNumber] = .string(clearing)
            values[Field.accountNumber] = .string(account)
        case .payroll:
            values[Field.clearingNumber] = .null
            values[Field.accountNumber] = .null
        }
        return values
    }

    /// A clearing number as people write it (`8327-9`, `6000`, with spaces) in the stored
    /// form, digits only; `nil` unless it has 4 or 5 digits.
    public static func clearingNumber(parsing text: String) -> String? {
        digits(text, allowed: 4...5)
    }

    /// An account number as people write it (spaces, hyphens, dots) in the stored form,
    /// digits only; `nil` unless it has 1 to 15 digits (15 keeps Excel exact).
    public static func accountNumber(parsing text: String) -> String? {
        digits(text, allowed: 1...15)
    }

    static func digits(_ text: String, allowed: ClosedRange<Int>) -> String? {
        let kept = text.unicodeScalars.filter { !(" -.".unicodeScalars.contains($0) || $0 == "\u{A0}") }
        guard allowed.contains(kept.count),
              kept.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return String(String.UnicodeScalarView(kept))
    }
}
