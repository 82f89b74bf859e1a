import ArgumentParsing
import Messages

/// Arguments several `forum` commands declare alike, so each is worded once.
enum SharedArguments {
    /// The most an amount typed in kronor may be (`--amount`): 1 000 000.
    static let maximumKronor = 1_000_000

    /// `--json`: the answer as JSON on standard output.
    static func json(_ l: Localizer) -> ArgumentSpec { .flag("json", help: l["client.help.json"]) }

    /// `-m, --municipality`.
    static func municipality(_ l: Localizer) -> ArgumentSpec {
        .option("municipality", short: "m", valueName: l["cli.value.municipality"], help: l["client.help.municipality"])
    }

    /// `<forum-id>`: a forum by id or id prefix.
    static func forum(_ l: Localizer) -> ArgumentSpec {
        .positional("forum", valueName: l["cli.value.forum_id"], help: l["client.help.forum_id"])
    }

    /// `<participant-id>`: a participant by id or id prefix.
    static func participant(_ l: Localizer) -> ArgumentSpec {
        .positional("participant", valueName: l["cli.value.participant_id"], help: l["client.help.participant_id"])
    }

    /// `<honorarium-id>`: an honorarium by id or id prefix.
    static func honorarium(_ l: Localizer) -> ArgumentSpec {
        .positional("honorarium", valueName: l["cli.value.honorarium_id"], help: l["client.help.honorarium_id"])
    }

    /// `--yes`: a delete goes ahead (without it the command only says what would go).
    static func yesDelete(_ l: Localizer) -> ArgumentSpec { .flag("yes", help: l["client.help.yes_delete"]) }

    /// `--from` and `--to`, days of a report period.
    static func period(_ l: Localizer) -> [ArgumentSpec] {
        [.option("from", valueName: l["cli.value.day"], help: l["client.help.from"]),
         .option("to", valueName: l["cli.value.day"], help: l["client.help.to"])]
    }
}
