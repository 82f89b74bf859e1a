import Foundation
import Messages
import SyncCore

/// The head of a forum's minutes: what, when (Europe/Stockholm), where, and who attended
/// by role. Anonymous participants appear by pseudonym only; no contact details appear.
public enum MinutesHeader {
    /// The header text for a forum.
    /// - Parameters:
    ///   - forumID: the forum.
    ///   - lookup: the records.
    ///   - language: the minutes' language.
    /// - Returns: the text, or `reference_missing` when the forum is unknown or deleted, or
    ///   the forum's validation error.
    public static func make(forumID: String, lookup: RecordLookup, language: Language) -> Result<String, DomainError> {
        guard let state = lookup.live(collection: Forum.collection, id: forumID) else {
            return .failure(DomainError(.referenceMissing, ["collection": Forum.collection]))
        }
        let forum: Forum
        do { forum = try Forum(state) } catch { return .failure(error) }
        let t = { (key: String, args: [String: String]) in DomainText.text(MessageKey(key), language, args) }

        var lines: [String] = [forum.series.map { "\(forum.title) – \($0)" } ?? forum.title]
        lines.append(t("domain.minutes.kind", ["kind": DomainText.text(forum.kind.messageKey, language)]))
        let sameDay = StockholmTime.format(forum.start, style: .date, language: language)
            == StockholmTime.format(forum.end, style: .date, language: language)
        let endText = StockholmTime.format(forum.end, style: sameDay ? .time : .dateTime, language: language)
        lines.append(t("domain.minutes.time", ["start": StockholmTime.format(forum.start, style: .dateTime, language: language),
                                               "end": endText]))
        if let venue = forum.venue { lines.append(t("domain.minutes.venue", ["venue": venue])) }

        var byRole: [AttendanceRole: [(sortKey: String, text: String)]] = [:]
        var anonymous = 0
        for attendanceState in lookup.attendances(forumID: forumID) {
            guard let attendance = try? Attendance(attendanceState), attendance.present else { continue }
            let participant = lookup.state(collection: Participant.collection, id: attendance.participantID)
            let view = participant.map { Redaction.view(of: $0, for: .minutes, forumID: forumID, lookup: lookup, language: language) }
            let name = view?[Participant.Field.displayName]?.stringValue ?? Redaction.pseudonym(number: nil, language: language)
            let association = view?[Participant.Field.association]?.stringValue
            if participant.map(Participant.isAnonymous) ?? true { anonymous += 1 }
            byRole[attendance.role, default: []].append((name, association.map { "\(name) (\($0))" } ?? name))
        }
        lines.append(t("domain.minutes.present", [:]))
        var total = 0
        for role in AttendanceRole.allCases {
            guard let people = byRole[role], !people.isEmpty else { continue }
            total += people.count
            let names = people.sorted { $0.sortKey.localizedStandardCompare($1.sortKey) == .orderedAscending }.map(\.text)
            lines.append("  " + DomainText.text(role.pluralKey, language) + ": " + names.joined(separator: ", "))
        }
        lines.append(t("domain.minutes.count", ["count": String(total), "anonymous": String(anonymous)]))
        return .success(lines.map(TextTable.printable).joined(separator: "\n") + "\n")
    }
}
