import Foundation
import SyncCore

/// The forum domain's collections, declared once.
///
/// Validation (`ForumRules.validate`), authorization (`Authorization.check`), scope
/// (`ForumRules.municipality`), references, derived ids, redaction's list of personal
/// fields, the admin's resolve form and PROTOCOL.md part two (checked against
/// `ForumSchema.protocolTables` by a test) all read this declaration. A collection or
/// field not declared here is refused (`unknown_collection`, `unknown_field`).
public enum ForumSchema {
    /// Every collection, in the order the protocol document lists them (parents first).
    public static let collections: [CollectionSpec] = [forum, participant, attendance, honorarium, payee]

    /// The declaration of a collection, `nil` when unknown.
    public static func collection(_ name: String) -> CollectionSpec? {
        collections.first { $0.name == name }
    }

    /// The collection names.
    public static let collectionNames: Set<String> = Set(collections.map(\.name))

    // MARK: - forum

    static let forum = CollectionSpec(
        name: Forum.collection,
        fields: [
            FieldSpec(Forum.Field.municipality, .municipality, required: true, "The municipality the forum belongs to; decides its scope."),
            FieldSpec(Forum.Field.title, .text, required: true, "The meeting's title, e.g. \"Deltagarforum 3\"."),
            FieldSpec(Forum.Field.series, .text, "The series it belongs to."),
            FieldSpec(Forum.Field.kind, .choice(ForumKind.allCases.map(\.rawValue)), required: true, "What kind of meeting it is."),
            FieldSpec(Forum.Field.venue, .text, "Where it is held."),
            FieldSpec(Forum.Field.start, .instant, required: true, "When it starts (UTC)."),
            FieldSpec(Forum.Field.end, .instant, required: true,
                      "When it ends (UTC): after `start`, at most `maximumForumDurationSeconds` later (`end_before_start`)."),
            FieldSpec(Forum.Field.defaultHonorarium, .amount, required: true, "The honorarium offered per participant."),
            FieldSpec(Forum.Field.payingMunicipality, .municipality, "The municipality that pays; `municipality` when unset."),
            FieldSpec(Forum.Field.status, .choice(ForumStatus.allCases.map(\.rawValue)), required: true, "Planned, held or cancelled."),
            FieldSpec(Forum.Field.minutes, .longText,
                      "The minutes. Anonymous participants must not be named; views for minutes and the admin pseudonymise them."),
        ],
        scope: .field(Forum.Field.municipality),
        summary: "One meeting: a deltagarforum, workshop, brukarråd or group meeting. Random id.",
        consistency: { _, reader throws(DomainError) in
            let start = try reader.instant(Forum.Field.start)
            let end = try reader.instant(Forum.Field.end)
            let duration = end.timeIntervalSince(start)
            guard duration > 0, duration <= TimeInterval(reader.configuration.maximumForumDurationSeconds) else {
                throw DomainError(.endBeforeStart, ["field": Forum.Field.end])
            }
        })

    // MARK: - participant

    static let participant = CollectionSpec(
        name: Participant.collection,
        fields: [
            FieldSpec(Participant.Field.displayName, .text, required: true, identifiesPerson: true,
                      "The name or pseudonym the participant chose."),
            FieldSpec(Participant.Field.association, .text, identifiesPerson: true, "The user association, e.g. RSMH."),
            FieldSpec(Participant.Field.contact, .text, identifiesPerson: true, "Phone or e-mail, for the facilitator only."),
            FieldSpec(Participant.Field.municipality, .municipality, required: true,
                      "The participant's municipality; with the forums attended, decides the scope."),
            FieldSpec(Participant.Field.anonymous, .boolean,
                      "Anonymous in minutes, reports and admin views (any `true` entry counts). Default `false`."),
            FieldSpec(Participant.Field.consentGiven, .boolean, "Whether consent to store the data was given. Default `false`."),
            FieldSpec(Participant.Field.consentDate, .day, "The day consent was given; required when `consentGiven` is `true`."),
            FieldSpec(Participant.Field.erased, .boolean, writers: [],
                      "Written by the server's erasure (`forum-server participant erase`), which also clears `association` and `contact` and sets `displayName` to `-`. No device may write it."),
        ],
        scope: .field(Participant.Field.municipality),
        summary: "A person who takes part in forums, by name or pseudonym. Special-category personal data. Random id.",
        consistency: { _, reader throws(DomainError) in
            if try reader.bool(Participant.Field.consentGiven, default: false),
               try reader.optionalDay(Participant.Field.consentDate) == nil {
                throw DomainError(.missingField, ["field": Participant.Field.consentDate])
            }
        })

    // MARK: - attendance

    static let attendance = CollectionSpec(
        name: Attendance.collection,
        fields: [
            FieldSpec(Attendance.Field.forumID, .reference(Forum.collection), required: true, "The forum."),
            FieldSpec(Attendance.Field.participantID, .reference(Participant.collection), required: true, "The participant."),
            FieldSpec(Attendance.Field.role, .choice(AttendanceRole.allCases.map(\.rawValue)), required: true,
                      "The role at this meeting."),
            FieldSpec(Attendance.Field.present, .boolean, "Whether the person was there. Default `true`."),
        ],
        naturalKey: [Attendance.Field.forumID, Attendance.Field.participantID],
        scope: .via(Attendance.Field.forumID),
        summary: "That a participant was (or is expected) at a forum. Derived id, so two devices recording it merge.")

    // MARK: - honorarium

    static let coordinator: Set<Role> = [.coordinator]

    static let honorarium = CollectionSpec(
        name: Honorarium.collection,
        fields: [
            FieldSpec(Honorarium.Field.attendanceID, .reference(Attendance.collection), required: true, "The attendance it pays for."),
            FieldSpec(Honorarium.Field.amount, .amount, required: true, "Whole kronor."),
            FieldSpec(Honorarium.Field.status, .choice(HonorariumStatus.allCases.map(\.rawValue)), required: true,
                      "Where it is on its way to payment; a facilitator may only write `proposed`."),
            FieldSpec(Honorarium.Field.payerMunicipality, .municipality, required: true, "The municipality that pays."),
            FieldSpec(Honorarium.Field.notCountedAsIncome, .boolean,
                      "Whether the payer does not count it as income for income support. Default `false`."),
            FieldSpec(Honorarium.Field.paymentMethod, .choice(PaymentMethod.allCases.map(\.rawValue)), writers: coordinator,
                      "How it is paid."),
            FieldSpec(Honorarium.Field.paidDate, .day, writers: coordinator, "The day it was paid; required when `paid`."),
            FieldSpec(Honorarium.Field.paymentReference, .text, writers: coordinator, "The payer's reference, e.g. a voucher number."),
            FieldSpec(Honorarium.Field.declineReason, .text, writers: coordinator, "Why it was declined; required when `declined`."),
            FieldSpec(Honorarium.Field.approvedAmount, .amount, writers: coordinator,
                      "The amount the approver saw, written with the approval; required when `approved` or `paid`."),
            FieldSpec(Honorarium.Field.paidAmount, .amount, writers: coordinator, "The amount paid; required when `paid`."),
            FieldSpec(Honorarium.Field.correction, .correction, writers: coordinator,
                      "Written with a change that alters a paid, declined or waived honorarium."),
        ],
        naturalKey: [Honorarium.Field.attendanceID],
        scope: .via(Honorarium.Field.attendanceID),
        facilitatorStatuses: [HonorariumStatus.proposed.rawValue],
        summary: "The compensation (arvode) for one attendance, from proposal to payment. Derived id: at most one per attendance.",
        consistency: { _, reader throws(DomainError) in
            let status = try reader.enumValue(Honorarium.Field.status, as: HonorariumStatus.self)
            if status == .approved || status == .paid, try reader.optionalAmount(Honorarium.Field.approvedAmount) == nil {
                throw DomainError(.missingField, ["field": Honorarium.Field.approvedAmount])
            }
            if status == .paid {
                if try reader.optionalDay(Honorarium.Field.paidDate) == nil {
                    throw DomainError(.missingField, ["field": Honorarium.Field.paidDate])
                }
                if try reader.optionalAmount(Honorarium.Field.paidAmount) == nil {
                    throw DomainError(.missingField, ["field": Honorarium.Field.paidAmount])
                }
            }
            if status == .declined, try reader.optionalString(Honorarium.Field.declineReason) == nil {
                throw DomainError(.missingField, ["field": Honorarium.Field.declineReason])
            }
        })

    // MARK: - payee

    static let payee = CollectionSpec(
        name: Payee.collection,
        fields: [
            FieldSpec(Payee.Field.participantID, .reference(Participant.collection), required: true, writers: coordinator,
                      "The participant paid."),
            FieldSpec(Payee.Field.identityNumber, .identityNumber, required: true, identifiesPerson: true, writers: coordinator,
                      "Personnummer or samordningsnummer, `YYYYMMDD-NNNN`."),
            FieldSpec(Payee.Field.payout, .choice(Payee.Kind.allCases.map(\.rawValue)), required: true, writers: coordinator,
                      "`bank`: to the account below; `payroll`: through the municipality's payroll."),
            FieldSpec(Payee.Field.clearingNumber, .clearingNumber, identifiesPerson: true, writers: coordinator,
                      "The bank's clearing number; required for `bank`, unset for `payroll`."),
            FieldSpec(Payee.Field.accountNumber, .accountNumber, identifiesPerson: true, writers: coordinator,
                      "The account number; required for `bank`, unset for `payroll`."),
        ],
        naturalKey: [Payee.Field.participantID],
        scope: .via(Payee.Field.participantID),
        roles: coordinator,
        summary: "How a participant is paid: identity number and payout. Derived id: at most one per participant. "
            + "A forum is recorded without it; a coordinator completes it. The server deletes it when its participant "
            + "is deleted or erased.",
        consistency: { _, reader throws(DomainError) in
            let kind = try reader.enumValue(Payee.Field.payout, as: Payee.Kind.self)
            for name in [Payee.Field.clearingNumber, Payee.Field.accountNumber] {
                let set = reader.value(name) != nil
                if kind == .bank, !set { throw DomainError(.missingField, ["field": name]) }
                if kind == .payroll, set { throw DomainError(.invalidField, ["field": name]) }
            }
        })
}
