import ArgumentParsing

/// A small `forum`-like command tree shared by the parser and help tests.
enum SampleCommands {
    static let sync = CommandSpec(
        "sync",
        abstract: "Synchronise local changes with the server.",
        discussion: "Exit codes:\n  0  everything was synchronised\n  64 the command line was wrong",
        arguments: [
            .positional("data-dir", valueName: "directory", help: "The local data directory."),
            .flag("dry-run", short: "n", help: "Show what would be sent without sending anything."),
            .option("municipality", short: "m", valueName: "municipality", repeatable: true,
                    help: "Only synchronise this municipality. Repeat the option to name several municipalities at once."),
            .option("port", short: "p", valueName: "port", help: "Server port."),
        ])

    static let export = CommandSpec(
        "export", abstract: "Export records.",
        arguments: [
            .positional("format", valueName: "format", help: "Output format."),
            .positional("files", .zeroOrMore, valueName: "file", help: "Files to include."),
        ])

    static let tag = CommandSpec(
        "tag", abstract: "Tag records.",
        arguments: [
            .positional("label", valueName: "label", help: "The label."),
            .positional("note", .optional, valueName: "note", help: "A note."),
        ])

    static let forum = CommandSpec(
        "forum", abstract: "Work with forum data offline.",
        arguments: [.option("lang", valueName: "sv|en", global: true, help: "Language of messages.")],
        subcommands: [sync, export, tag])
}
