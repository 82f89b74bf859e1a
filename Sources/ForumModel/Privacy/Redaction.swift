import Foundation
import Messages
import SyncCore

/// The one function that turns a record into what an audience may see.
///
/// For minutes, reports and the admin, an anonymous participant (see
/// `Participant.isAnonymous`: any `true` entry counts) is shown as "Anonym deltagare N" /
/// "Anonymous participant N", numbered within a forum; association and contact are dropped.
/// Minutes and reports drop every participant's contact. Every entry of a register is
/// rewritten, not only the winner, so the admin's conflict view (which shows all entries)
/// leaks nothing either; dots and times are kept, so the admin can still resolve by dot.
/// Counts are unaffected: records are rewritten, never removed.
public enum Redaction {
    /// The view of `state` for `audience`.
    ///
    /// - Parameters:
    ///   - state: any record.
    ///   - audience: who will see it.
    ///   - forumID: the forum the view is about, for numbering pseudonyms; without it an
    ///     anonymous participant is shown unnumbered.
    ///   - lookup: other records (a forum's attendees, for numbering and for minutes text).
    ///   - language: the language of pseudonyms.
    /// - Returns: a state of the same record with hidden values replaced or dropped.
    public static func view(of state: RecordState, for audience: Audience, forumID: String? = nil,
                            lookup: RecordLookup, language: Language) -> RecordState {
        switch state.collection {
        case Participant.collection:
            return participantView(state, audience: audience, forumID: forumID, lookup: lookup, language: language)
        case Forum.collection where audience.hidesAnonymous:
            return forumView(state, lookup: lookup, language: language)
        case Payee.collection where audience != .coordinator:
            return payeeView(state, language: language)
        default:
            return state
        }
    }

    /// Pseudonym numbers of a forum's anonymous attendees, by participant id: 1, 2, …
    /// in byte order of participant ids.
    ///
    /// Every attendance counts, present or not, so marking someone absent renumbers no one.
    /// A new anonymous attendee whose id sorts earlier does shift later numbers; minutes are
    /// written after the meeting, when the list is settled.
    public static func anonymousNumbers(forumID: String, lookup: RecordLookup) -> [String: Int] {
        let ids = lookup.attendances(forumID: forumID)
            .compactMap { $0[Attendance.Field.participantID]?.stringValue }
            .filter { id in lookup.state(collection: Participant.collection, id: id).map(Participant.isAnonymous) ?? false }
        let sorted = Set(ids).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0 + 1) })
    }

    /// The name to show for a participant at a forum: the display name, or the pseudonym
    /// when the audience hides anonymous participants.
    public static func displayName(participantID: String, forumID: String?, audience: Audience,
                                   lookup: RecordLookup, language: Language) -> String {
        guard let state = lookup.state(collection: Participant.collection, id: participantID) else {
            return pseudonym(number: nil, language: language)
        }
        let view = participantView(state, audience: audience, forumID: forumID, lookup: lookup, language: language)
        return view[Participant.Field.displayName]?.stringValue ?? pseudonym(number: nil, language: language)
    }

    /// "Anonym deltagare 2" / "Anonymous participant 2", or without a number.
    public static func pseudonym(number: Int?, language: Language) -> String {
        guard let number else { return DomainText.text("domain.anonymous.unnumbered", language) }
        return DomainText.text("domain.anonymous.numbered", language, ["number": String(number)])
    }

    static func participantView(_ state: RecordState, audience: Audience, forumID: String?,
                                lookup: RecordLookup, language: Language) -> RecordState {
        var fields = state.fields
        if audience.hidesAnonymous && Participant.isAnonymous(state) {
            let number = forumID.flatMap { anonymousNumbers(forumID: $0, lookup: lookup)[state.id] }
            let label = JSONValue.string(pseudonym(number: number, language: language))
            if let register = fields[Participant.Field.displayName] {
                fields[Participant.Field.displayName] = FieldRegister(register.entries.map {
                    FieldEntry(value: label, dot: $0.dot, time: $0.time)
                })
            }
            fields[Participant.Field.association] = nil
            fields[Participant.Field.contact] = nil
        } else if audience.hidesContact {
            fields[Participant.Field.contact] = nil
        }
        return rebuilt(state, fields: fields)
    }

    /// A payee as anyone but a coordinator may see it: every entry of its identity number,
    /// clearing and account number replaced by "(dold)" / "(hidden)" (dots and times kept).
    /// Such audiences never receive payees from the server; this guards every other view.
    static func payeeView(_ state: RecordState, language: Language) -> RecordState {
        var fields = state.fields
        let hidden = JSONValue.string(DomainText.text("domain.payee.hidden", language))
        for name in Payee.Field.personal {
            guard let register = fields[name] else { continue }
            fields[name] = FieldRegister(register.entries.map {
                FieldEntry(value: $0.value.isNull ? $0.value : hidden, dot: $0.dot, time: $0.time)
            })
        }
        return rebuilt(state, fields: fields)
    }

    /// Replaces anonymous attendees' names and contacts in the minutes text by their
    /// pseudonyms: minutes are free text, and a name typed by habit must not leak. Names
    /// and words shorter than `AnonymousNames.minimumLength` are left alone, since
    /// replacing them would mangle words.
    static func forumView(_ state: RecordState, lookup: RecordLookup, language: Language) -> RecordState {
        guard let register = state.fields[Forum.Field.minutes] else { return state }
        var replacements: [(String, String)] = []
        for (participantID, number) in anonymousNumbers(forumID: state.id, lookup: lookup) {
            guard let participant = lookup.state(collection: Participant.collection, id: participantID) else { continue }
            let label = pseudonym(number: number, language: language)
            // Every name the record holds and each of its words: a first name typed alone
            // must not leak either (`AnonymousNames`).
            for name in AnonymousNames.tokens(of: participant) { replacements.append((name, label)) }
        }
        // Longest first, so "Anna Berg" is replaced before "Anna".
        replacements.sort { $0.0.count > $1.0.count }
        let entries = register.entries.map { entry -> FieldEntry in
            guard var text = entry.value.stringValue else { return entry }
            for (name, label) in replacements {
                text = AnonymousNames.replacing(name, with: label, in: text)
            }
            return FieldEntry(value: .string(text), dot: entry.dot, time: entry.time)
        }
        var fields = state.fields
        fields[Forum.Field.minutes] = FieldRegister(entries)
        return rebuilt(state, fields: fields)
    }

    /// A state with the same identity and context and the given registers. Building cannot
    /// fail for a valid input; should it, the view is an empty state (hiding everything is
    /// the safe failure).
    static func rebuilt(_ state: RecordState, fields: [String: FieldRegister]) -> RecordState {
        (try? RecordState(collection: state.collection, id: state.id, context: state.context, fields: fields))
            ?? RecordState(collection: state.collection, id: state.id)
    }
}
