import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum show FORUM` (also `forum forum show`): the minutes header, the attendance list and
/// the minutes text, anonymous participants by pseudonym only (this is what gets read aloud
/// and filed).
struct ForumShowCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("show", abstract: l["client.cmd.show"], arguments: [SharedArguments.forum(l), SharedArguments.json(l)])
    }

    /// The forum's id or id prefix.
    let forum: String
    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        forum = try arguments.required("forum", l)
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let replica = try context.replica()
        let state = try RecordResolver(context: context).forum(forum)
        let lookup = replica.lookup
        let domainLanguage = context.language
        let header: String
        switch MinutesHeader.make(forumID: state.id, lookup: lookup, language: domainLanguage) {
        case .success(let text): header = text
        case .failure(let error): throw CommandFailure(error.message(domainLanguage))
        }
        var rows: [[String]] = []
        var items: [JSONValue] = []
        let attendances = lookup.attendances(forumID: state.id).compactMap { try? Attendance($0) }
        for attendance in attendances {
            let name = Redaction.displayName(participantID: attendance.participantID, forumID: state.id,
                                             audience: .minutes, lookup: lookup, language: domainLanguage)
            let honorarium = lookup.live(collection: Honorarium.collection, id: Honorarium.id(attendanceID: attendance.id))
                .flatMap { try? Honorarium($0) }
            rows.append([name, DomainBridge.role(attendance.role, context.language),
                         context.t(attendance.present ? "client.word.present" : "client.word.absent"),
                         honorarium.map { context.kronor($0.amount) } ?? "",
                         honorarium.map { DomainBridge.status($0.status, context.language) } ?? "",
                         honorarium.map { RecordResolver.short($0.id) } ?? ""])
            items.append(["name": .string(name), "role": .string(attendance.role.rawValue),
                          "present": .bool(attendance.present),
                          "honorarium": honorarium.map { ["id": .string($0.id), "amount": .integer($0.amount),
                                                          "status": .string($0.status.rawValue)] } ?? .null])
        }
        rows.sort { $0[0] < $1[0] }
        // The minutes as filed: anonymous attendees' names replaced by their pseudonyms.
        let minutes = Redaction.view(of: state, for: .minutes, lookup: lookup, language: domainLanguage)[Forum.Field.minutes]?
            .stringValue
        if json {
            context.printJSON(["id": .string(state.id), "header": .string(header), "attendance": .array(items),
                               "minutes": minutes.map(JSONValue.string) ?? .null])
            return .success
        }
        context.say(header.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false).map { TextTable.printable(String($0)) }
            .joined(separator: "\n"))
        context.say("")
        if rows.isEmpty {
            context.say(context.t("client.show.no_attendance"))
        } else {
            context.terminal.out(TextTable.render(
                header: ["client.col.name", "client.col.role", "client.col.present", "client.col.amount",
                         "client.col.status", "client.col.honorarium"].map { context.t($0) },
                rows: rows, rightAligned: [3]))
        }
        context.say("")
        context.say(context.t("client.show.minutes"))
        context.say(minutes.map { $0.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextTable.printable(String($0)) }.joined(separator: "\n") } ?? context.t("client.show.no_minutes"))
        return .success
    }
}
