import ArgumentParsing
import ForumModel
import Messages
import SyncCore

/// `forum honorarium decline --reason`: the honorarium is refused, with the reason.
struct HonorariumDeclineCommand: HonorariumChange {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("decline", abstract: l["client.cmd.honorarium_decline"], arguments: [
            SharedArguments.honorarium(l), .option("reason", valueName: l["cli.value.reason"], help: l["client.help.reason"]),
        ])
    }

    let honorarium: String
    let reason: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        honorarium = try arguments.required("honorarium", l)
        reason = try arguments.required("reason", l)
    }

    func values(for honorarium: Honorarium, _ context: CommandContext) -> [String: JSONValue] {
        honorarium.declineFields(reason: reason)
    }
}
