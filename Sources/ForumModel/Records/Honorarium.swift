import Foundation
import SyncCore

/// Compensation (arvode) for one attendance, from proposal to payment.
///
/// The id is derived from the attendance, so there is at most one honorarium per person
/// and meeting, whichever device proposes it.
public struct Honorarium: Hashable, Sendable {
    /// The collection name.
    public static let collection = "honorarium"

    /// Field names in the record.
    public enum Field {
        public static let attendanceID = "attendanceId"
        public static let amount = "amount"
        public static let status = "status"
        public static let payerMunicipality = "payerMunicipality"
        public static let notCountedAsIncome = "notCountedAsIncome"
        public static let paymentMethod = "paymentMethod"
        public static let paidDate = "paidDate"
        public static let paymentReference = "paymentReference"
        public static let declineReason = "declineReason"
        /// The amount the approver saw, written with the approval (see `ReviewFlags`).
        public static let approvedAmount = "approvedAmount"
        /// The amount paid, written when marking paid (see `ReviewFlags`).
        public static let paidAmount = "paidAmount"
        /// A correction: `{"reason": String, "at": UTC instant}`, written with a change that
        /// alters a paid, declined or waived honorarium. Coordinators only.
        public static let correction = "correction"
    }

    /// The attendance's id.
    public var attendanceID: String
    /// Whole kronor, `0...maximumHonorariumKronor`.
    public var amount: Int64
    /// Where it is on its way to payment.
    public var status: HonorariumStatus
    /// The municipality that pays.
    public var payerMunicipality: String
    /// Whether the payer does not count it as income for income support (försörjningsstöd).
    public var notCountedAsIncome: Bool
    /// How it is (to be) paid.
    public var paymentMethod: PaymentMethod?
    /// The day it was paid, `YYYY-MM-DD`; required when paid.
    public var paidDate: String?
    /// The payer's reference, e.g. a voucher number.
    public var paymentReference: String?
    /// Why it was declined; required when declined.
    public var declineReason: String?
    /// The amount seen at approval; required when approved or paid.
    public var approvedAmount: Int64?
    /// The amount paid; required when paid.
    public var paidAmount: Int64?

    /// The record id: derived from the attendance.
    public var id: String { Self.id(attendanceID: attendanceID) }

    /// The id of the honorarium of `attendanceID`.
    public static func id(attendanceID: String) -> String {
        RecordID.derived(collection: collection, naturalKey: [attendanceID])
    }

    /// Creates an honorarium, by default proposed.
    public init(attendanceID: String, amount: Int64, status: HonorariumStatus = .proposed, payerMunicipality: String,
                notCountedAsIncome: Bool = false, paymentMethod: PaymentMethod? = nil, paidDate: String? = nil,
                paymentReference: String? = nil, declineReason: String? = nil,
                approvedAmount: Int64? = nil, paidAmount: Int64? = nil) {
        self.attendanceID = attendanceID
        self.amount = amount
        self.status = status
        self.payerMunicipality = payerMunicipality
        self.notCountedAsIncome = notCountedAsIncome
        self.paymentMethod = paymentMethod
        self.paidDate = paidDate
        self.paymentReference = paymentReference
        self.declineReason = declineReason
        self.approvedAmount = approvedAmount
        self.paidAmount = paidAmount
    }

    /// Reads and validates an honorarium record's visible values, including the fields
    /// each status requires.
    /// - Throws: `DomainError` for the first problem `ForumSchema` finds.
    public init(_ state: RecordState, configuration: DomainConfiguration = DomainConfiguration()) throws(DomainError) {
        let reader = FieldReader(state: state, configuration: configuration)
        try reader.expectCollection(Self.collection)
        try ForumSchema.honorarium.validate(state, configuration: configuration)
        attendanceID = try reader.string(Field.attendanceID)
        amount = try reader.amount(Field.amount)
        status = try reader.enumValue(Field.status, as: HonorariumStatus.self)
        payerMunicipality = try reader.string(Field.payerMunicipality)
        notCountedAsIncome = try reader.bool(Field.notCountedAsIncome, default: false)
        paymentMethod = try reader.optionalEnum(Field.paymentMethod, as: PaymentMethod.self)
        paidDate = try reader.optionalDay(Field.paidDate)
        paymentReference = try reader.optionalString(Field.paymentReference)
        declineReason = try reader.optionalString(Field.declineReason)
        approvedAmount = try reader.optionalAmount(Field.approvedAmount)
        paidAmount = try reader.optionalAmount(Field.paidAmount)
    }

    /// The values to write for this honorarium.
    public var fields: [String: JSONValue] {
        [
            Field.attendanceID: .string(attendanceID), Field.amount: .integer(amount),
            Field.status: .string(status.rawValue), Field.payerMunicipality: .string(payerMunicipality),
            Field.notCountedAsIncome: .bool(notCountedAsIncome), Field.paymentMethod: paymentMethod.map { .string($0.rawValue) } ?? .null,
            Field.paidDate: paidDate.json, Field.paymentReference: paymentReference.json,
            Field.declineReason: declineReason.json,
            Field.approvedAmount: approvedAmount.map { .integer($0) } ?? .null,
            Field.paidAmount: paidAmount.map { .integer($0) } ?? .null,
        ]
    }
}
