import ArgumentParsing
import ForumModel
import Messages
import SyncCore

/// `forum honorarium approve`: a proposed honorarium becomes approved (coordinators only).
struct HonorariumApproveCommand: HonorariumChange {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("approve", abstract: l["client.cmd.honorarium_approve"], arguments: [SharedArguments.honorarium(l)])
    }

    let honorarium: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { honorarium = try arguments.required("honorarium", l) }

    func values(for honorarium: Honorarium, _ context: CommandContext) -> [String: JSONValue] { honorarium.approvalFields() }
}
