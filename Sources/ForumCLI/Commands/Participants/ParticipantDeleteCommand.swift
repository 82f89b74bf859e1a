import ArgumentParsing
import ForumModel
import Messages

/// `forum participant delete`: the participant with their attendance and unpaid honoraria,
/// only with `--yes`.
struct ParticipantDeleteCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("delete", abstract: l["client.cmd.participant_delete"], discussion: l["client.help.delete_discussion"],
                    arguments: [SharedArguments.participant(l), SharedArguments.yesDelete(l)])
    }

    /// The participant's id or id prefix.
    let participant: String
    let confirmed: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        participant = try arguments.required("participant", l)
        confirmed = arguments.flag("yes")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let id = try RecordResolver(context: context).participant(participant).id
        try ConfirmedDeletion(collection: Participant.collection, id: id, confirmed: confirmed).run(context)
        return .success
    }
}
