import ArgumentParsing
import ForumModel
import Messages
import SyncCore

/// `forum honorarium waive`: the participant gives up the honorarium.
struct HonorariumWaiveCommand: HonorariumChange {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("waive", abstract: l["client.cmd.honorarium_waive"], arguments: [SharedArguments.honorarium(l)])
    }

    let honorarium: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { honorarium = try arguments.required("honorarium", l) }

    func values(for honorarium: Honorarium, _ context: CommandContext) -> [String: JSONValue] {
        [Honorarium.Field.status: .string(HonorariumStatus.waived.rawValue)]
    }
}
