import Foundation
import Messages
import SyncCore

/// Forums held in a period, per municipality, series and forum, with attendance counted
/// by role. Anonymous participants are counted (and counted separately) but never named:
/// the report holds no names at all.
public struct AttendanceReport: Hashable, Sendable {
    /// One held forum.
    public struct Row: Hashable, Sendable {
        public let municipality: String
        public let series: String?
        public let forumID: String
        public let title: String
        public let kind: ForumKind
        public let start: Date
        /// Present attendees by role (roles with none are absent from the dictionary).
        public let countsByRole: [AttendanceRole: Int]
        /// Present attendees whose participant is anonymous.
        public let anonymousCount: Int
        /// All present attendees.
        public var presentCount: Int { countsByRole.values.reduce(0, +) }
    }

    /// The period covered.
    public let period: ReportPeriod
    /// Held forums sorted by municipality, series, start, id.
    public let rows: [Row]

    /// Builds the report from every held forum that starts in `period`.
    /// - Parameters:
    ///   - period: which forums, by start.
    ///   - municipalities: restrict to these; `nil` for all.
    ///   - lookup: the records.
    public static func make(period: ReportPeriod, municipalities: Set<String>? = nil,
                            lookup: RecordLookup) -> AttendanceReport {
        var rows: [Row] = []
        for state in lookup.states(collection: Forum.collection) where !state.isDeleted {
            guard let forum = try? Forum(state), forum.status == .held, period.contains(forum.start),
                  municipalities?.contains(forum.municipality) ?? true else { continue }
            var counts: [AttendanceRole: Int] = [:]
            var anonymous = 0
            for attendanceState in lookup.attendances(forumID: forum.id) {
                guard let attendance = try? Attendance(attendanceState), attendance.present else { continue }
                counts[attendance.role, default: 0] += 1
                if let participant = lookup.state(collection: Participant.collection, id: attendance.participantID),
                   Participant.isAnonymous(participant) { anonymous += 1 }
            }
            rows.append(Row(municipality: forum.municipality, series: forum.series, forumID: forum.id,
                            title: forum.title, kind: forum.kind, start: forum.start,
                            countsByRole: counts, anonymousCount: anonymous))
        }
        rows.sort { ($0.municipality, $0.series ?? "", $0.start, $0.forumID) < ($1.municipality, $1.series ?? "", $1.start, $1.forumID) }
        return AttendanceReport(period: period, rows: rows)
    }

    /// Column headings, then one row per forum and a total row per municipality.
    public func table(_ language: Language) -> (header: [String], rows: [[String]]) {
        let t = { (key: String) in DomainText.text(MessageKey(key), language) }
        let header = [t("domain.report.municipality"), t("domain.report.series"), t("domain.report.forum"),
                      t("domain.report.date"), t("domain.report.kind")]
            + AttendanceRole.allCases.map { DomainText.text($0.pluralKey, language) }
            + [t("domain.report.present_total"), t("domain.report.of_which_anonymous")]
        var body: [[String]] = []
        let municipalities = rows.map(\.municipality).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for municipality in municipalities {
            let group = rows.filter { $0.municipality == municipality }
            for row in group {
                body.append([row.municipality, row.series ?? "", row.title,
                             StockholmTime.format(row.start, style: .dateTime, language: language),
                             DomainText.text(row.kind.messageKey, language)]
                            + AttendanceRole.allCases.map { String(row.countsByRole[$0] ?? 0) }
                            + [String(row.presentCount), String(row.anonymousCount)])
            }
            body.append([DomainText.text("domain.report.total_for", language, ["municipality": municipality]), "",
                         DomainText.text("domain.report.forums_held", language, ["count": String(group.count)]), "", ""]
                        + AttendanceRole.allCases.map { role in String(group.reduce(0) { $0 + ($1.countsByRole[role] ?? 0) }) }
                        + [String(group.reduce(0) { $0 + $1.presentCount }), String(group.reduce(0) { $0 + $1.anonymousCount })])
        }
        return (header, body)
    }

    /// The report as a terminal table.
    public func text(_ language: Language) -> String {
        let (header, body) = table(language)
        return TextTable.render(header: header, rows: body, rightAligned: Set(5..<header.count))
    }

    /// The report as CSV for Excel (see `ExcelCSV`).
    public func csv(_ language: Language) -> [UInt8] {
        let (header, body) = table(language)
        return ExcelCSV.bytes([header] + body)
    }
}

extension AttendanceRole {
    /// The catalogue key of the role as a column heading (plural).
    public var pluralKey: MessageKey { MessageKey("domain.attendance_role_plural.\(rawValue)") }
}
