import Foundation
import Messages
import SyncCore

/// Approved, unpaid honoraria a municipality is to pay for forums held in a period.
///
/// Only forums marked held count: an honorarium cannot be approved for a forum that has not
/// been held (`forum_not_held`), and one approved before its forum was put back to planned
/// or cancelled is left out until the forum is held again.
///
/// Confidential: to pay someone one must know who they are, so the list shows real names,
/// also of participants who are anonymous in minutes and reports. That is why only
/// coordinators may produce it, why every export is titled confidential, and why a column
/// says who is anonymous elsewhere (so the list is not filed with the minutes).
public struct PaymentList: Hashable, Sendable {
    /// One honorarium to pay.
    public struct Item: Hashable, Sendable {
        /// The honorarium's record id.
        public let honorariumID: String
        /// The participant's record id, the same in every list and export.
        public let participantID: String
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
        /// How the participant is paid, `nil` when no coordinator has recorded it yet (or the
        /// record cannot be read): the row is still listed, with the payee columns empty.
        public let payee: Payee?
    }

    /// The paying municipality.
    public let municipality: String
    /// The period, by forum start.
    public let period: ReportPeriod
    /// Items by forum start, then recipient.
    public let items: [Item]
    /// How many items lack the participant's payment details (`Item.payee`).
    public var missingPayees: Int { items.filter { $0.payee == nil }.count }
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
                  let forum = try? Forum(forumState), forum.status == .held, period.contains(forum.start),
                  let participantState = lookup.live(collection: Participant.collection, id: attendance.participantID),
                  let participant = try? Participant(participantState) else { continue }
            items.append(Item(honorariumID: state.id, participantID: participantState.id, forumTitle: forum.title, forumStart: forum.start,
                              recipient: participant.displayName, association: participant.association,
                              anonymousElsewhere: Participant.isAnonymous(participantState), amount: honorarium.amount,
                              payer: honorarium.payerMunicipality, notCountedAsIncome: honorarium.notCountedAsIncome,
                              paymentMethod: honorarium.paymentMethod,
                              payee: lookup.live(collection: Payee.collection, id: Payee.id(participantID: participantState.id))
                                .flatMap { try? Payee($0) }))
        }
        items.sort { ($0.forumStart, $0.recipient, $0.honorariumID) < ($1.forumStart, $1.recipient, $1.honorariumID) }
        return .success(PaymentList(municipality: municipality, period: period, items: items))
    }

    /// The confidential title line. The period shows its last day (the end is exclusive).
    ///
    /// Not part of the CSV (see `csv(_:)`): the command that exports the list says it.
    public func title(_ language: Language) -> String {
        DomainText.text("domain.payment.title", language, [
            "municipality": municipality,
            "from": StockholmTime.format(period.start, style: .date, language: language),
            "to": StockholmTime.format(period.end.addingTimeInterval(-1), style: .date, language: language),
        ])
    }

    /// The column headings, in the language of the list.
    public func header(_ language: Language) -> [String] {
        ["domain.payment.honorarium_id", "domain.payment.participant_id", "domain.payment.date", "domain.payment.forum",
         "domain.payment.recipient", "domain.payment.association", "domain.payment.anonymous_elsewhere",
         "domain.payment.amount", "domain.payment.payer", "domain.payment.not_counted_as_income",
         "domain.payment.method", "domain.payment.identity_number", "domain.payment.payout",
         "domain.payment.clearing", "domain.payment.account"].map { DomainText.text(MessageKey($0), language) }
    }

    /// The index of the amount column in `header` and `rows`.
    public static let amountColumn = 7

    /// One row per item, in the order of `header`: the ids in full (what a payment system
    /// or a later correction refers to), amounts as plain integers when `amountsForPeople`
    /// is false (so Excel can sum them), otherwise formatted as kronor.
    public func rows(_ language: Language, amountsForPeople: Bool) -> [[String]] {
        let yes = DomainText.text("domain.common.yes", language), no = DomainText.text("domain.common.no", language)
        return items.map { item in
            [item.honorariumID, item.participantID, StockholmTime.format(item.forumStart, style: .date, language: language),
             item.forumTitle, item.recipient, item.association ?? "", item.anonymousElsewhere ? yes : no,
             amountsForPeople ? KronorFormat.format(Int(item.amount), language: language) : String(item.amount), item.payer,
             item.notCountedAsIncome ? yes : no, item.paymentMethod.map { DomainText.text($0.messageKey, language) } ?? ""]
                + Self.payeeCells(item.payee, language)
        }
    }

    /// The payee columns: identity number, payout, clearing and account number; all empty
    /// when the details are missing, clearing and account empty for a payroll payout.
    static func payeeCells(_ payee: Payee?, _ language: Language) -> [String] {
        guard let payee else { return ["", "", "", ""] }
        switch payee.payout {
        case .bank(let clearing, let account):
            return [payee.identityNumber.canonical, DomainText.text("domain.payment.payout.bank", language), clearing, account]
        case .payroll:
            return [payee.identityNumber.canonical, DomainText.text("domain.payment.payout.payroll", language), "", ""]
        }
    }

    /// The list as CSV for Excel with Swedish settings, as `ExcelCSV` writes it: UTF-8 with
    /// a byte-order mark, `;` between cells, CRLF line ends, formula guards.
    ///
    /// The first row is the header and every other row is one honorarium, so a CSV reader
    /// (Excel's table import, a payment system, a script) takes the file as it is: no title
    /// line above the header (a reader takes the first line for the column names) and no
    /// total row among the data (summing the column would count everything twice; Excel
    /// sums the amount column itself). The confidentiality notice (`title`) is therefore
    /// not in the file: a trailer line would still be read as a row. The `forum export
    /// payments` command prints it on standard error, where a person running it sees it
    /// and a redirect into a file does not mix it into the data.
    ///
    /// The payee columns (coordinators only, like the whole list): the identity number as
    /// `YYYYMMDD-NNNN`, which the hyphen keeps as text in Excel; the payout in words; the
    /// clearing and account number as digits. An account number with a leading zero (a
    /// Nordea personkonto of someone born in the 2000s) loses it when Excel opens the file
    /// by double-click, as any number would: import with that column set to Text, or read
    /// the file as CSV. A row without payment details has those four cells empty, and
    /// `forum export payments` says on standard error how many there are.
    ///
    /// Ids are 32 hexadecimal digits. Excel turns a cell into a number only when it has no
    /// letter, or a single `e` between digits (about one id in a million); compare ids as
    /// text, or import the file with those columns set to Text.
    public func csv(_ language: Language) -> [UInt8] {
        ExcelCSV.bytes([header(language)] + rows(language, amountsForPeople: false))
    }

    /// The list as a terminal table under its confidential title, with the total below.
    public func text(_ language: Language) -> String {
        TextTable.printable(title(language)) + "\n\n"
            + TextTable.render(header: header(language), rows: rows(language, amountsForPeople: true),
                               rightAligned: [Self.amountColumn])
            + "\n" + DomainText.text("domain.payment.total", language) + ": "
            + KronorFormat.format(Int(total), language: language)
    }
}
