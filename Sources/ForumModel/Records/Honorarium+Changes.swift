import Foundation
import SyncCore

extension Honorarium {
    /// The values to write to approve: the status and the amount the approver sees now,
    /// which lets `ReviewFlags` notice an amount changed concurrently with the approval.
    public func approvalFields() -> [String: JSONValue] {
        [Field.status: .string(HonorariumStatus.approved.rawValue), Field.approvedAmount: .integer(amount)]
    }

    /// The values to write to mark paid, recording the amount paid.
    /// - Parameters:
    ///   - paidDate: the day of payment, `YYYY-MM-DD`.
    ///   - method: how it was paid.
    ///   - reference: the payer's reference, if any.
    public func paymentFields(paidDate: String, method: PaymentMethod, reference: String? = nil) -> [String: JSONValue] {
        [Field.status: .string(HonorariumStatus.paid.rawValue), Field.paidAmount: .integer(amount),
         Field.approvedAmount: .integer(approvedAmount ?? amount), Field.paidDate: .string(paidDate),
         Field.paymentMethod: .string(method.rawValue), Field.paymentReference: reference.json]
    }

    /// The values to write to decline, with the reason (required).
    public func declineFields(reason: String) -> [String: JSONValue] {
        [Field.status: .string(HonorariumStatus.declined.rawValue), Field.declineReason: .string(reason)]
    }

    /// The value of the correction flag to add to a change that alters a paid, declined
    /// or waived honorarium. Its time makes every correction a new write, so the flag is
    /// seen as part of *this* change even when the reason repeats.
    /// - Parameters:
    ///   - reason: why (kept in the record for the audit trail).
    ///   - at: when the coordinator made the correction.
    public static func correctionFields(reason: String, at date: Date) -> [String: JSONValue] {
        [Field.correction: .object(["reason": .string(reason), "at": .string(RecordTime.string(date))])]
    }
}
