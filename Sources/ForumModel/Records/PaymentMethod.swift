import Messages

/// How an honorarium is paid out.
public enum PaymentMethod: String, Sendable, CaseIterable, Hashable {
    /// Bank transfer to the recipient's account.
    case bankTransfer = "bank_transfer"
    /// Through the municipality's payroll (arvodesutbetalning via lön).
    case payroll
    /// Gift card or voucher.
    case giftCard = "gift_card"
    /// Anything else, described in the payment reference.
    case other

    /// The catalogue key of the method name.
    public var messageKey: MessageKey { MessageKey("domain.payment_method.\(rawValue)") }
}
