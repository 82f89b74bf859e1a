/// Every user-visible text of the domain, in Swedish and English, in one place.
///
/// The entries have the shape of `Messages.Catalogue.Entry` and move verbatim to
/// `Sources/Messages/Catalogue+Domain.swift` once the catalogue is on main; `text` then
/// calls `Catalogue.standard.text`. Error texts name fields and limits, never values.
enum DomainText {
    static func text(_ key: MessageKey, _ language: Language, _ args: [String: String] = [:]) -> String {
        Catalogue.text(key, language, args)
    }

    static let entries: [Entry] = [
        // Kinds of forum.
        Entry("domain.kind.deltagarforum", sv: "Deltagarforum", en: "Participant forum"),
        Entry("domain.kind.workshop", sv: "Workshop", en: "Workshop"),
        Entry("domain.kind.framtidsverkstad", sv: "Framtidsverkstad", en: "Future workshop"),
        Entry("domain.kind.brukarrad", sv: "Brukarråd", en: "User council"),
        Entry("domain.kind.meeting", sv: "Träff", en: "Meeting"),
        // Forum status.
        Entry("domain.forum_status.planned", sv: "Planerad", en: "Planned"),
        Entry("domain.forum_status.held", sv: "Genomförd", en: "Held"),
        Entry("domain.forum_status.cancelled", sv: "Inställd", en: "Cancelled"),
        // Roles at a meeting, singular and as column headings.
        Entry("domain.attendance_role.participant", sv: "Deltagare", en: "Participant"),
        Entry("domain.attendance_role.association_representative", sv: "Föreningsrepresentant", en: "Association representative"),
        Entry("domain.attendance_role.manager", sv: "Chef", en: "Manager"),
        Entry("domain.attendance_role.staff", sv: "Personal", en: "Staff"),
        Entry("domain.attendance_role.facilitator", sv: "Processledare", en: "Facilitator"),
        Entry("domain.attendance_role.observer", sv: "Observatör", en: "Observer"),
        Entry("domain.attendance_role_plural.participant", sv: "Deltagare", en: "Participants"),
        Entry("domain.attendance_role_plural.association_representative", sv: "Föreningsrepresentanter", en: "Association representatives"),
        Entry("domain.attendance_role_plural.manager", sv: "Chefer", en: "Managers"),
        Entry("domain.attendance_role_plural.staff", sv: "Personal", en: "Staff"),
        Entry("domain.attendance_role_plural.facilitator", sv: "Processledare", en: "Facilitators"),
        Entry("domain.attendance_role_plural.observer", sv: "Observatörer", en: "Observers"),
        // Honorarium status and payment methods.
        Entry("domain.honorarium_status.proposed", sv: "Föreslaget", en: "Proposed"),
        Entry("domain.honorarium_status.approved", sv: "Godkänt", en: "Approved"),
        Entry("domain.honorarium_status.paid", sv: "Utbetalt", en: "Paid"),
        Entry("domain.honorarium_status.declined", sv: "Avslaget", en: "Declined"),
        Entry("domain.honorarium_status.waived", sv: "Avstått", en: "Waived"),
        Entry("domain.payment_method.bank_transfer", sv: "Banköverföring", en: "Bank transfer"),
        Entry("domain.payment_method.payroll", sv: "Via lön", en: "Payroll"),
        Entry("domain.payment_method.gift_card", sv: "Presentkort", en: "Gift card"),
        Entry("domain.payment_method.other", sv: "Annat", en: "Other"),
        // User roles.
        Entry("domain.role.facilitator", sv: "Processledare", en: "Facilitator"),
        Entry("domain.role.coordinator", sv: "Samordnare", en: "Coordinator"),
        Entry("domain.role.admin", sv: "Administratör", en: "Administrator"),
        // Anonymity.
        Entry("domain.anonymous.numbered", sv: "Anonym deltagare {number}", en: "Anonymous participant {number}"),
        Entry("domain.anonymous.unnumbered", sv: "Anonym deltagare", en: "Anonymous participant"),
        Entry("domain.common.yes", sv: "Ja", en: "Yes"),
        Entry("domain.common.no", sv: "Nej", en: "No"),
        // Attendance report.
        Entry("domain.report.municipality", sv: "Kommun", en: "Municipality"),
        Entry("domain.report.series", sv: "Serie", en: "Series"),
        Entry("domain.report.forum", sv: "Forum", en: "Forum"),
        Entry("domain.report.date", sv: "Datum", en: "Date"),
        Entry("domain.report.kind", sv: "Typ", en: "Kind"),
        Entry("domain.report.present_total", sv: "Närvarande totalt", en: "Present in total"),
        Entry("domain.report.of_which_anonymous", sv: "Varav anonyma", en: "Of which anonymous"),
        Entry("domain.report.total_for", sv: "Summa {municipality}", en: "Total {municipality}"),
        Entry("domain.report.forums_held", sv: "{count} genomförda forum", en: "{count} forums held"),
        // Payment list.
        Entry("domain.payment.title",
              sv: "KONFIDENTIELLT – innehåller personuppgifter. Arvoden att betala ut, {municipality}, {from}–{to}",
              en: "CONFIDENTIAL – contains personal data. Honoraria to pay, {municipality}, {from}–{to}"),
        Entry("domain.payment.date", sv: "Datum", en: "Date"),
        Entry("domain.payment.forum", sv: "Forum", en: "Forum"),
        Entry("domain.payment.recipient", sv: "Mottagare", en: "Recipient"),
        Entry("domain.payment.association", sv: "Förening", en: "Association"),
        Entry("domain.payment.anonymous_elsewhere", sv: "Anonym i protokoll", en: "Anonymous in minutes"),
        Entry("domain.payment.amount", sv: "Belopp (kr)", en: "Amount (SEK)"),
        Entry("domain.payment.payer", sv: "Utbetalande kommun", en: "Paying municipality"),
        Entry("domain.payment.not_counted_as_income", sv: "Räknas ej som inkomst (försörjningsstöd)",
              en: "Not counted as income (income support)"),
        Entry("domain.payment.method", sv: "Betalningssätt", en: "Payment method"),
        Entry("domain.payment.total", sv: "Summa", en: "Total"),
        // Minutes header.
        Entry("domain.minutes.kind", sv: "Typ: {kind}", en: "Kind: {kind}"),
        Entry("domain.minutes.time", sv: "Tid: {start}–{end}", en: "Time: {start}–{end}"),
        Entry("domain.minutes.venue", sv: "Plats: {venue}", en: "Venue: {venue}"),
        Entry("domain.minutes.present", sv: "Närvarande:", en: "Present:"),
        Entry("domain.minutes.count", sv: "Antal närvarande: {count} (varav {anonymous} anonyma)",
              en: "Number present: {count} (of which {anonymous} anonymous)"),
        // Review flags.
        Entry("domain.review.paid_amount_changed", sv: "Beloppet ändrades för ett redan utbetalt arvode",
              en: "The amount of an honorarium already paid was changed"),
        Entry("domain.review.approved_while_absent", sv: "Arvodet är godkänt eller utbetalt men deltagaren är markerad som frånvarande",
              en: "The honorarium is approved or paid but the attendance is marked absent"),
        Entry("domain.review.amount_changed_during_approval", sv: "Beloppet ändrades samtidigt som arvodet godkändes",
              en: "The amount was changed while the honorarium was being approved"),
        // Errors: name fields, statuses and limits, never values.
        Entry("domain.error.unknown_collection", sv: "okänd samling '{collection}'", en: "unknown collection '{collection}'"),
        Entry("domain.error.missing_field", sv: "fältet '{field}' saknas", en: "field '{field}' is missing"),
        Entry("domain.error.invalid_field", sv: "fältet '{field}' har ett ogiltigt värde", en: "field '{field}' has an invalid value"),
        Entry("domain.error.text_too_long", sv: "fältet '{field}' är längre än {limit} tecken",
              en: "field '{field}' is longer than {limit} characters"),
        Entry("domain.error.invalid_date", sv: "fältet '{field}' är inget giltigt datum", en: "field '{field}' is not a valid date"),
        Entry("domain.error.end_before_start", sv: "sluttiden måste ligga efter starttiden och inom ett dygn",
              en: "the end must be after the start and within one day"),
        Entry("domain.error.amount_out_of_range", sv: "beloppet i '{field}' måste vara mellan 0 och {limit} kr",
              en: "the amount in '{field}' must be between 0 and {limit} kronor"),
        Entry("domain.error.illegal_status_transition", sv: "ett arvode kan inte gå från {from} till {to}",
              en: "an honorarium cannot go from {from} to {to}"),
        Entry("domain.error.final_status", sv: "arvodet är {status} och kan bara ändras genom en rättelse",
              en: "the honorarium is {status} and can only be changed by a correction"),
        Entry("domain.error.invalid_correction", sv: "en rättelse kräver en orsak och en tidpunkt",
              en: "a correction needs a reason and a time"),
        Entry("domain.error.absent_attendance", sv: "arvodet kan inte bli {status} när deltagaren är frånvarande",
              en: "the honorarium cannot become {status} while the attendance is marked absent"),
        Entry("domain.error.reference_missing", sv: "en post som hänvisas till saknas", en: "a referenced record is missing"),
        Entry("domain.error.derived_id_mismatch", sv: "id:t stämmer inte med postens nyckel i '{collection}'",
              en: "the id does not match the record's key in '{collection}'"),
        Entry("domain.error.role_forbidden", sv: "din roll får inte göra den här ändringen",
              en: "your role may not make this change"),
        Entry("domain.error.outside_scope", sv: "posten hör till en kommun du inte arbetar i",
              en: "the record belongs to a municipality you do not work in"),
    ]
}
