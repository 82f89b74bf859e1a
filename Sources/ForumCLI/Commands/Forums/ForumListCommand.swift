import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum forum list`: forums by start, those that ended over 30 days ago only with `--all`.
struct ForumListCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("list", abstract: l["client.cmd.forum_list"], arguments: [
            .flag("all", help: l["client.help.all_forums"]), SharedArguments.json(l),
        ])
    }

    /// How far back `list` shows past forums without `--all`, in seconds (30 days).
    static let recentWindowSeconds: TimeInterval = 30 * 86_400

    let all: Bool
    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        all = arguments.flag("all")
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let replica = try context.replica()
        let now = Date()
        let forums = replica.lookup.live(collection: Forum.collection).compactMap { try? Forum($0) }
            .filter { all || $0.end >= now.addingTimeInterval(-Self.recentWindowSeconds) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        if json {
            context.printJSON(.array(forums.map(Self.json)))
            return .success
        }
        guard !forums.isEmpty else { context.say(context.t("client.forum.none")); return .success }
        let rows = forums.map { forum in
            [RecordResolver.short(forum.id), context.show(forum.start), forum.title, forum.municipality,
             DomainBridge.forumStatus(forum.status, context.language),
             // Those present: an absence recorded is no attendee.
             String(replica.lookup.attendances(forumID: forum.id).filter { (try? Attendance($0))?.present == true }.count)]
        }
        context.terminal.out(TextTable.render(header: ["client.col.id", "client.col.start", "client.col.title",
                                                       "client.col.municipality", "client.col.status",
                                                       "client.col.attendees"].map { context.t($0) },
                                              rows: rows, rightAligned: [5]))
        return .success
    }

    static func json(_ forum: Forum) -> JSONValue {
        ["id": .string(forum.id), "title": .string(forum.title), "municipality": .string(forum.municipality),
         "kind": .string(forum.kind.rawValue), "status": .string(forum.status.rawValue),
         "start": .string(RecordTime.string(forum.start)), "end": .string(RecordTime.string(forum.end)),
         "venue": forum.venue.map(JSONValue.string) ?? .null, "series": forum.series.map(JSONValue.string) ?? .null,
         "defaultHonorarium": .integer(forum.defaultHonorariumKronor)]
    }
}
