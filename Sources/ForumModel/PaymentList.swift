import Foundation
import Messages
import SyncCore

/// Approved, unpaid honoraria a municipality is to pay for forums in a period.
///
/// Confidential: to pay someone one must know who they are, so the list shows real names,
/// also of participants who are anonymous in minutes and reports. That is why only
/// coordinators may produce it, why every export is titled confidential, and why a column
/// says who is anonymous elsewhere (so the list is not filed with the minutes).
public struct PaymentList: Hashable, Sendable {
    /// One honorarium to pay.
    public struct Item: Hashable, Sendable {
        public let honorariumID: String
        public let forumTitle: String
        public let forumStart: Date
        /// The participant's real display name.
        public let recipient: String
        public let association: String?
        /// Whether the participant is anonymous in minutes and reports.
        public let anonymousElsewhere: Bool
        public let amount: Int64
        public let payer: String
        /// Not counted as income for income support (försörjningsstöd).
        public let notCountedAsIncome: Bool
        public let paymentMethod: PaymentMethod?
    }

    /// The paying municipality.
    public let municipality: String
    /// The period, by forum start.
    public let period: ReportPeriod
    /// Items by forum start, then recipient.
    public let items: [Item]
    /// The sum of all amounts, whole kronor.
    public var total: Int64 { items.reduce(0) { $0 + $1.amount } }

    /// Builds the list.
    /// - Parameters:
    ///   - actor: must be a coordinator of `municipality`.
    ///   - municipality: the paying municipality (the honorarium's payer).
    ///   - period: which forums, by start.
    ///   - lookup: the records.
    /// - Returns: the list, or `role_forbidden` for non-coordinators and `outside_scope`
    ///   for a coordinator of other municipalities.
    public static func make(actor: Actor, municipality: String, period: ReportPeriod,
                            lookup: RecordLookup) -> Result<PaymentList, DomainError> {
        guard actor.role == .coordinator else { return .failure(DomainError(.roleForbidden, ["role": actor.role.rawValue])) }
        guard actor.covers(municipality) else { return .failure(DomainError(.outsideScope)) }
        var items: [Item] = []
        for state in lookup.states(collection: Honorarium.collection) where !state.isDeleted {
            guard let honorarium = try? Honorarium(state), honorarium.status == .approved,
                  honorarium.payerMunicipality == municipality,
                  let attendanceState = lookup.live(collection: Attendance.collection, id: honorarium.attendanceID),
                  let attendance = try? Attendance(attendanceState),
                  let forumState = lookup.live(collection: Forum.collection, id: attendance.forumID),
                  let forum = try? Forum(forumState), period.contains(forum.start),
                  let participantState = lookup.live(collection: Participant.collection, id: attendance.participantID),
                  let participant = try? Participant(participantState) else { continue }
            items.append(Item(honorariumID: state.id, forumTitle: forum.title, forumStart: forum.start,
                              recipient: participant.displayName, association: participant.association,
                              anonymousElsewhere: Participant.isAnonymous(participantState), amount: honorarium.amount,
                              payer: honorarium.payerMunicipality, notCountedAsIncome: honorarium.notCountedAsIncome,
                              paymentMethod: honorarium.paymentMethod))
        }
        items.sort { ($0.forumStart, $0.recipient, $0.honorariumID) < ($1.forumStart, $1.recipient, $1.honorariumID) }
        return .success(PaymentList(municipality: municipality, period: period, items: items))
    }

    /// The confidential title line. The period shows its last day (the end is exclusive).
    public func title(_ language: Language) -> String {
        DomainText.text("domain.payment.title", language, [
            "municipality": municipality,
            "from": StockholmTime.format(period.start, style: .date, language: language),
            "to": StockholmTime.format(period.end.addingTimeInterval(-1), style: .date, language: language),
        ])
    }

    /// Column headings and rows, amounts as plain integers (so Excel can sum them), ending
    /// with the total row.
    public func table(_ language: Language, amountsForPeople: Bool) -> (header: [String], rows: [[String]]) {
        let t = { (key: String) in DomainText.text(MessageKey(key), language) }
        let yes = t("domain.common.yes"), no = t("domain.common.no")
        let money = { (amount: Int64) in amountsForPeople ? KronorFormat.format(Int(amount), language: language) : String(amount) }
        let header = ["domain.payment.date", "domain.payment.forum", "domain.payment.recipient",
                      "domain.payment.association", "domain.payment.anonymous_elsewhere", "domain.payment.amount",
                      "domain.payment.payer", "domain.payment.not_counted_as_income", "domain.payment.method"].map(t)
        var rows = items.map { item in
            [StockholmTime.format(item.forumStart, style: .date, language: language), item.forumTitle, item.recipient,
             item.association ?? "", item.anonymousElsewhere ? yes : no, money(item.amount), item.payer,
             item.notCountedAsIncome ? yes : no, item.paymentMethod.map { DomainText.text($0.messageKey, language) } ?? ""]
        }
        rows.append([t("domain.payment.total"), "", "", "", "", money(total), "", "", ""])
        return (header, rows)
    }

    /// The list as CSV for Excel: the confidential title, the headings, the items, the total.
    public func csv(_ language: Language) -> [UInt8] {
        let (header, rows) = table(language, amountsForPeople: false)
        return ExcelCSV.bytes([[title(language)], header] + rows)
    }

    /// The list as a terminal table under its confidential title.
    public func text(_ language: Language) -> String {
        let (header, rows) = table(language, amountsForPeople: true)
        return TextTable.printable(title(language)) + "\n\n" + TextTable.render(header: header, rows: rows, rightAligned: [5])
    }
}
