import ArgumentParsing
import ForumModel
import Messages

/// `forum forum delete`: the forum with its attendance and unpaid honoraria, only with `--yes`.
struct ForumDeleteCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("delete", abstract: l["client.cmd.forum_delete"], discussion: l["client.help.delete_discussion"],
                    arguments: [SharedArguments.forum(l), SharedArguments.yesDelete(l)])
    }

    /// The forum's id or id prefix.
    let forum: String
    let confirmed: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        forum = try arguments.required("forum", l)
        confirmed = arguments.flag("yes")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let id = try RecordResolver(context: context).forum(forum).id
        try ConfirmedDeletion(collection: Forum.collection, id: id, confirmed: confirmed).run(context)
        return .success
    }
}
