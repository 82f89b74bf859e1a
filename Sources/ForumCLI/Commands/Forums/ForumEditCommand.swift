import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum forum edit`: writes only the fields given; minutes that name an anonymous
/// attendee are written only with `--yes`.
struct ForumEditCommand: Command {
    /// The statuses `--status` sets; a forum is cancelled with `forum forum cancel`.
    static let settableStatuses = ForumStatus.allCases.filter { $0 != .cancelled }

    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("edit", abstract: l["client.cmd.forum_edit"], arguments: [SharedArguments.forum(l)] + ForumFields.specs(l) + [
            .option("status", valueName: settableStatuses.map(\.rawValue).joined(separator: "|"),
                    help: l["client.help.forum_status"]),
            .option("minutes", valueName: l["cli.value.minutes"], help: l["client.help.minutes"]),
            .flag("yes", help: l["client.help.yes_minutes"]),
        ])
    }

    /// The forum's id or id prefix.
    let forum: String
    let fields: ForumFields
    let status: ForumStatus?
    let minutes: String?
    /// Minutes that name an anonymous attendee are written anyway.
    let confirmed: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        forum = try arguments.required("forum", l)
        fields = try ForumFields(arguments, l)
        status = try arguments.choice("status", of: Self.settableStatuses,
                                      names: DomainBridge.names(ForumStatus.allCases, \.messageKey))
        minutes = arguments.string("minutes")
        confirmed = arguments.flag("yes")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let state = try RecordResolver(context: context).forum(forum)
        let current = try Forum(state)
        var values: [String: JSONValue] = [:]
        if let title = fields.title { values[Forum.Field.title] = .string(title) }
        if let start = fields.start { values[Forum.Field.start] = .string(RecordTime.string(start)) }
        if let end = fields.end { values[Forum.Field.end] = .string(RecordTime.string(end)) }
        if let kind = fields.kind { values[Forum.Field.kind] = .string(kind.rawValue) }
        if let venue = fields.venue { values[Forum.Field.venue] = .string(venue) }
        if let series = fields.series { values[Forum.Field.series] = .string(series) }
        if let amount = fields.amount { values[Forum.Field.defaultHonorarium] = .integer(amount) }
        if let minutes {
            // Anonymous attendees must not be named in the minutes: warn, and write only
            // when the facilitator confirms with --yes.
            let named = AnonymousNames.mentioned(in: minutes, forumID: state.id, lookup: try context.replica().lookup)
            if !named.isEmpty, !confirmed {
                throw CommandFailure(context.t("client.minutes.names_anonymous", ["count": String(named.count)]))
            }
            values[Forum.Field.minutes] = .string(minutes)
        }
        if let status { values[Forum.Field.status] = .string(status.rawValue) }
        // Only the fields asked for are written: rewriting the others would silently
        // settle a conflict the user has not looked at.
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Forum.collection, id: state.id, values: values)
        }
        context.say(context.t("client.forum.updated", ["id": RecordResolver.short(state.id), "title": current.title]))
        return .success
    }
}
