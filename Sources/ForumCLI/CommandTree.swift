import ArgumentParsing
import Messages

/// The `forum` command tree, with help texts in the invocation's language.
enum CommandTree {
    static func root(_ l: Localizer) -> CommandSpec {
        func t(_ key: String) -> String { l[MessageKey(key)] }
        let json = ArgumentSpec.flag("json", help: t("client.help.json"))
        let municipality = ArgumentSpec.option("municipality", short: "m", help: t("client.help.municipality"))
        let forumArg = ArgumentSpec.positional("forum", valueName: "forum-id", help: t("client.help.forum_id"))
        let participantArg = ArgumentSpec.positional("participant", valueName: "participant-id", help: t("client.help.participant_id"))
        let honorariumArg = ArgumentSpec.positional("honorarium", valueName: "honorarium-id", help: t("client.help.honorarium_id"))
        let yes = ArgumentSpec.flag("yes", help: t("client.help.yes_delete"))
        let forumFields: [ArgumentSpec] = [
            .option("title", help: t("client.help.title")),
            .option("start", valueName: "YYYY-MM-DD HH:MM", help: t("client.help.start")),
            .option("end", valueName: "YYYY-MM-DD HH:MM", help: t("client.help.end")),
            .option("kind", help: t("client.help.kind")),
            .option("venue", help: t("client.help.venue")),
            .option("series", help: t("client.help.series")),
            .option("amount", valueName: "kronor", help: t("client.help.forum_amount")),
        ]

        let forum = CommandSpec("forum", abstract: t("client.cmd.forum"), subcommands: [
            CommandSpec("add", abstract: t("client.cmd.forum_add"), arguments: forumFields + [municipality]),
            CommandSpec("list", abstract: t("client.cmd.forum_list"), arguments: [
                .flag("all", help: t("client.help.all_forums")), json]),
            CommandSpec("show", abstract: t("client.cmd.show"), arguments: [forumArg, json]),
            CommandSpec("edit", abstract: t("client.cmd.forum_edit"), arguments: [forumArg] + forumFields + [
                .option("status", valueName: "planned|held", help: t("client.help.forum_status")),
                .option("minutes", help: t("client.help.minutes")),
                .flag("yes", help: t("client.help.yes_minutes"))]),
            CommandSpec("cancel", abstract: t("client.cmd.forum_cancel"), arguments: [forumArg]),
            CommandSpec("delete", abstract: t("client.cmd.forum_delete"), discussion: t("client.help.delete_discussion"),
                        arguments: [forumArg, yes]),
        ])
        let participant = CommandSpec("participant", abstract: t("client.cmd.participant"), subcommands: [
            CommandSpec("add", abstract: t("client.cmd.participant_add"), arguments: [
                .positional("name", help: t("client.help.name")),
                .flag("anonymous", help: t("client.help.anonymous")),
                .option("association", help: t("client.help.association")),
                .option("contact", help: t("client.help.contact")),
                .flag("consent", help: t("client.help.consent")), municipality]),
            CommandSpec("list", abstract: t("client.cmd.participant_list"), arguments: [json]),
            CommandSpec("find", abstract: t("client.cmd.participant_find"), arguments: [
                .positional("name", help: t("client.help.find_name")), json]),
            CommandSpec("edit", abstract: t("client.cmd.participant_edit"), arguments: [
                participantArg, .option("name", help: t("client.help.name")),
                .option("association", help: t("client.help.association")),
                .option("contact", help: t("client.help.contact")),
                .option("anonymous", valueName: "yes|no|ja|nej", help: t("client.help.anonymous_choice")),
                .flag("consent", help: t("client.help.consent")),
                .flag("withdraw-consent", help: t("client.help.withdraw_consent"))]),
            CommandSpec("delete", abstract: t("client.cmd.participant_delete"), discussion: t("client.help.delete_discussion"),
                        arguments: [participantArg, yes]),
        ])
        let payee = CommandSpec("payee", abstract: t("client.cmd.payee"), discussion: t("client.help.payee"), subcommands: [
            CommandSpec("set", abstract: t("client.cmd.payee_set"), arguments: [
                participantArg,
                .option("personnummer", valueName: t("client.placeholder.identity_number"), help: t("client.help.personnummer")),
                .option("clearing", valueName: t("client.placeholder.clearing"), help: t("client.help.clearing")),
                .option("account", valueName: t("client.placeholder.account"), help: t("client.help.account")),
                .flag("payroll", help: t("client.help.payroll"))]),
            CommandSpec("show", abstract: t("client.cmd.payee_show"), arguments: [participantArg, json]),
        ])
        let honorarium = CommandSpec("honorarium", abstract: t("client.cmd.honorarium"), subcommands: [
            CommandSpec("list", abstract: t("client.cmd.honorarium_list"), arguments: [
                .option("status", help: t("client.help.honorarium_status")), municipality, json]),
            CommandSpec("approve", abstract: t("client.cmd.honorarium_approve"), arguments: [honorariumArg]),
            CommandSpec("decline", abstract: t("client.cmd.honorarium_decline"), arguments: [
                honorariumArg, .option("reason", help: t("client.help.reason"))]),
            CommandSpec("waive", abstract: t("client.cmd.honorarium_waive"), arguments: [honorariumArg]),
            CommandSpec("pay", abstract: t("client.cmd.honorarium_pay"), arguments: [
                honorariumArg, .option("date", valueName: "YYYY-MM-DD", help: t("client.help.paid_date")),
                .option("reference", help: t("client.help.reference")),
                .option("method", help: t("client.help.method"))]),
            CommandSpec("correct", abstract: t("client.cmd.honorarium_correct"), arguments: [
                honorariumArg, .option("amount", valueName: "kronor", help: t("client.help.amount")),
                .option("reason", help: t("client.help.correction_reason"))]),
            CommandSpec("approve-all", abstract: t("client.cmd.honorarium_approve_all"), arguments: [forumArg]),
        ])
        let export = CommandSpec("export", abstract: t("client.cmd.export"), subcommands: [
            CommandSpec("payments", abstract: t("client.cmd.export_payments"), arguments: [
                municipality,
                .option("from", valueName: "YYYY-MM-DD", help: t("client.help.from")),
                .option("to", valueName: "YYYY-MM-DD", help: t("client.help.to")),
                .option("out", valueName: "file", help: t("client.help.out"))]),
            CommandSpec("replica", abstract: t("client.cmd.export_replica"), arguments: [
                json, .flag("pending", help: t("client.help.pending"))]),
        ])
        let report = CommandSpec("report", abstract: t("client.cmd.report"), subcommands: [
            CommandSpec("attendance", abstract: t("client.cmd.report_attendance"), arguments: [
                .option("from", valueName: "YYYY-MM-DD", help: t("client.help.from")),
                .option("to", valueName: "YYYY-MM-DD", help: t("client.help.to")),
                municipality, .flag("csv", help: t("client.help.csv"))]),
        ])
        return CommandSpec("forum", abstract: t("client.cmd.root"), discussion: t("client.help.exit_codes"), arguments: [
            .option("lang", valueName: "sv|en", global: true, help: t("client.help.lang")),
            .option("data", valueName: "directory", global: true, help: t("client.help.data")),
        ], subcommands: [
            CommandSpec("enroll", abstract: t("client.cmd.enroll"), arguments: [
                .positional("url", help: t("client.help.url")), .positional("code", help: t("client.help.code")),
                .option("ca-file", valueName: "file", help: t("client.help.ca_file"))]),
            forum, participant, payee,
            CommandSpec("attend", abstract: t("client.cmd.attend"), arguments: [
                forumArg, participantArg,
                .option("role", help: t("client.help.attendance_role")),
                .flag("no-honorarium", help: t("client.help.no_honorarium")),
                .option("amount", valueName: "kronor", help: t("client.help.amount"))]),
            CommandSpec("absent", abstract: t("client.cmd.absent"), arguments: [forumArg, participantArg]),
            CommandSpec("unattend", abstract: t("client.cmd.unattend"), discussion: t("client.help.delete_discussion"),
                        arguments: [forumArg, participantArg, yes]),
            CommandSpec("show", abstract: t("client.cmd.show"), arguments: [forumArg, json]),
            honorarium, export, report,
            CommandSpec("import", abstract: t("client.cmd.import"), discussion: t("client.help.import"), arguments: [
                .positional("file", help: t("client.help.import_file")), json]),
            CommandSpec("sync", abstract: t("client.cmd.sync"), discussion: t("client.help.exit_codes"), arguments: [json]),
            CommandSpec("status", abstract: t("client.cmd.status"), arguments: [json]),
            CommandSpec("conflicts", abstract: t("client.cmd.conflicts"), arguments: [json]),
            CommandSpec("app", abstract: t("client.cmd.app"), discussion: t("client.help.app"), arguments: [
                .option("port", valueName: "port", help: t("client.help.port")),
                .flag("no-browser", help: t("client.help.no_browser"))]),
        ])
    }
}
