import Messages

/// A record that is valid field by field after a merge but wrong as a whole, for a
/// coordinator to look at. Flags are computed, never stored: they disappear once the
/// record is put right.
public struct ReviewFlag: Hashable, Sendable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable, CaseIterable {
        /// A paid honorarium's amount differs from the amount recorded as paid.
        case paidAmountChanged = "paid_amount_changed"
        /// An honorarium is approved or paid while its attendance is marked absent (or gone).
        case approvedWhileAbsent = "approved_while_absent"
        /// An approved honorarium's amount differs from the amount the approver saw.
        case amountChangedDuringApproval = "amount_changed_during_approval"
        /// A proposed honorarium's attendance is marked absent: it cannot be approved, and
        /// the coordinator sees it until the person is marked present (or it is declined).
        case proposedWhileAbsent = "proposed_while_absent"
    }

    /// The stable code.
    public let code: Code
    /// The flagged record's collection.
    public let collection: String
    /// The flagged record's id.
    public let id: String

    /// Creates a flag.
    public init(_ code: Code, collection: String, id: String) {
        self.code = code
        self.collection = collection
        self.id = id
    }

    /// The catalogue key of the explanation shown to the coordinator.
    public var messageKey: MessageKey { MessageKey("domain.review.\(code.rawValue)") }

    public var description: String { "\(code.rawValue) \(collection)/\(id)" }
}
