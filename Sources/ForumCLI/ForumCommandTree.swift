import ArgumentParsing
import Messages

/// The `forum` command tree: help, parsing and dispatch all come from it. A new command is
/// a `Command` type and one line here.
enum ForumCommandTree {
    static var root: CommandNode<CommandContext> { .group({ l in
        CommandSpec("forum", abstract: l["client.cmd.root"], discussion: l["client.help.exit_codes"], arguments: [
            .option("lang", valueName: Language.allCases.map(\.rawValue).joined(separator: "|"), global: true,
                    help: l["client.help.lang"]),
            .option("data", valueName: l["cli.value.directory"], global: true, help: l["client.help.data"]),
        ])
    }, [
        .command(EnrollCommand.self),
        .group({ l in CommandSpec("forum", abstract: l["client.cmd.forum"]) }, [
            .command(ForumAddCommand.self),
            .command(ForumListCommand.self),
            .command(ForumShowCommand.self),
            .command(ForumEditCommand.self),
            .command(ForumCancelCommand.self),
            .command(ForumDeleteCommand.self),
        ]),
        .group({ l in CommandSpec("participant", abstract: l["client.cmd.participant"]) }, [
            .command(ParticipantAddCommand.self),
            .command(ParticipantListCommand.self),
            .command(ParticipantFindCommand.self),
            .command(ParticipantEditCommand.self),
            .command(ParticipantDeleteCommand.self),
        ]),
        .group({ l in CommandSpec("payee", abstract: l["client.cmd.payee"], discussion: l["client.help.payee"]) }, [
            .command(PayeeSetCommand.self),
            .command(PayeeShowCommand.self),
        ]),
        .command(AttendCommand.self),
        .command(AbsentCommand.self),
        .command(UnattendCommand.self),
        .command(ForumShowCommand.self),
        .group({ l in CommandSpec("honorarium", abstract: l["client.cmd.honorarium"]) }, [
            .command(HonorariumListCommand.self),
            .command(HonorariumApproveCommand.self),
            .command(HonorariumDeclineCommand.self),
            .command(HonorariumWaiveCommand.self),
            .command(HonorariumPayCommand.self),
            .command(HonorariumCorrectCommand.self),
            .command(HonorariumApproveAllCommand.self),
        ]),
        .group({ l in CommandSpec("export", abstract: l["client.cmd.export"]) }, [
            .command(ExportPaymentsCommand.self),
            .command(ExportReplicaCommand.self),
        ]),
        .group({ l in CommandSpec("report", abstract: l["client.cmd.report"]) }, [
            .command(ReportAttendanceCommand.self),
        ]),
        .command(ImportCommand.self),
        .command(SyncCommand.self),
        .command(StatusCommand.self),
        .command(ConflictsCommand.self),
        .command(AppCommand.self),
    ]) }
}
