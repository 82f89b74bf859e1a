import ArgumentParsing
import FieldClient
import ForumModel
import Messages

/// `forum forum cancel`: the forum's status becomes cancelled; nothing is deleted.
struct ForumCancelCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("cancel", abstract: l["client.cmd.forum_cancel"], arguments: [SharedArguments.forum(l)])
    }

    /// The forum's id or id prefix.
    let forum: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { forum = try arguments.required("forum", l) }

    func run(_ context: CommandContext) throws -> ExitCode {
        let state = try RecordResolver(context: context).forum(forum)
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Forum.collection, id: state.id,
                              values: [Forum.Field.status: .string(ForumStatus.cancelled.rawValue)])
        }
        context.say(context.t("client.forum.cancelled", ["id": RecordResolver.short(state.id)]))
        return .success
    }
}
