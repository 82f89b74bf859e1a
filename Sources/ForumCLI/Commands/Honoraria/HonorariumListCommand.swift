import ArgumentParsing
import FieldClient
import ForumModel
import Messages
import SyncCore

/// `forum honorarium list`: honoraria by forum date, optionally of one status or municipality.
struct HonorariumListCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("list", abstract: l["client.cmd.honorarium_list"], arguments: [
            .option("status", valueName: l["cli.value.status"],
                    help: l["client.help.honorarium_status", ["statuses": ChoiceList.either(HonorariumStatus.allCases, l)]]),
            SharedArguments.municipality(l), SharedArguments.json(l),
        ])
    }

    let status: HonorariumStatus?
    /// Only honoraria of forums in, or paid by, this municipality.
    let municipality: String?
    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        status = try arguments.choice("status", of: HonorariumStatus.allCases,
                                      names: DomainBridge.names(HonorariumStatus.allCases, \.messageKey))
        municipality = arguments.string("municipality")
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let rows = try HonorariumRow.all(context, status: status, municipality: municipality)
        if json {
            context.printJSON(.array(rows.map { row in
                ["id": .string(row.state.id), "forum": .string(row.forum.id), "forumTitle": .string(row.forum.title),
                 "name": .string(row.name), "anonymous": .bool(row.anonymous), "amount": .integer(row.honorarium.amount),
                 "status": .string(row.honorarium.status.rawValue), "payer": .string(row.honorarium.payerMunicipality),
                 "conflict": .bool(row.state.hasConflict)]
            }))
            return .success
        }
        guard !rows.isEmpty else { context.say(context.t("client.honorarium.none")); return .success }
        context.terminal.out(TextTable.render(
            header: ["client.col.id", "client.col.start", "client.col.forum", "client.col.name", "client.col.amount",
                     "client.col.status"].map { context.t($0) },
            rows: rows.map { row in
                [RecordResolver.short(row.state.id), context.show(row.forum.start, style: .date), row.forum.title,
                 row.name + (row.anonymous ? " " + context.t("client.honorarium.anonymous_mark") : ""),
                 context.kronor(row.honorarium.amount),
                 DomainBridge.status(row.honorarium.status, context.language) + (row.state.hasConflict ? " (!)" : "")]
            }, rightAligned: [4]))
        return .success
    }
}
