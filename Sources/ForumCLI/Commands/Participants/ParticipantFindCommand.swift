import ArgumentParsing
import Messages

/// `forum participant find NAME`: the participants whose name holds NAME, without case.
struct ParticipantFindCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("find", abstract: l["client.cmd.participant_find"], arguments: [
            .positional("name", valueName: l["cli.value.name"], help: l["client.help.find_name"]), SharedArguments.json(l),
        ])
    }

    let name: String
    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        name = try arguments.required("name", l)
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try ParticipantListCommand.list(context, matching: name, json: json)
        return .success
    }
}
