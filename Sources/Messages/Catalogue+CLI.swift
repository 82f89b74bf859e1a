extension Catalogue {
    /// Texts of the command-line tools: the argument parser's fixed words and its errors.
    ///
    /// Error messages start in lower case and end without a full stop; they follow
    /// "Error: " / "Fel: ". They name options, never the values given, because values
    /// may be personal data.
    static let cliEntries: [Entry] = [
        // Help sections.
        Entry("cli.help.overview", sv: "ÖVERSIKT:", en: "OVERVIEW:"),
        Entry("cli.help.usage", sv: "ANVÄNDNING:", en: "USAGE:"),
        Entry("cli.help.arguments", sv: "ARGUMENT:", en: "ARGUMENTS:"),
        Entry("cli.help.options", sv: "ALTERNATIV:", en: "OPTIONS:"),
        Entry("cli.help.subcommands", sv: "UNDERKOMMANDON:", en: "SUBCOMMANDS:"),
        Entry("cli.help.help_option", sv: "Visa hjälpinformation.", en: "Show help information."),
        Entry("cli.help.subcommand_placeholder", sv: "<underkommando>", en: "<subcommand>"),
        Entry("cli.help.options_placeholder", sv: "[<alternativ>]", en: "[<options>]"),
        Entry("cli.help.subcommand_hint",
              sv: "Se '{command} help <underkommando>' för detaljerad hjälp.",
              en: "See '{command} help <subcommand>' for detailed help."),

        // Usage error rendering.
        Entry("cli.error.line", sv: "Fel: {message}", en: "Error: {message}"),
        Entry("cli.error.usage_line", sv: "Användning: {usage}", en: "Usage: {usage}"),
        Entry("cli.error.see_help", sv: "Se '{command} --help'.", en: "See '{command} --help'."),

        // Usage errors, one per code.
        Entry("cli.error.unknown_option", sv: "okänd flagga '{option}'", en: "unknown option '{option}'"),
        Entry("cli.error.unknown_option_suggestion", sv: "okänd flagga '{option}'; menade du '{suggestion}'?",
              en: "unknown option '{option}'; did you mean '{suggestion}'?"),
        Entry("cli.error.missing_value", sv: "värde saknas för '{option}'", en: "missing value for '{option}'"),
        Entry("cli.error.flag_with_value", sv: "'{option}' tar inget värde", en: "'{option}' takes no value"),
        Entry("cli.error.missing_argument", sv: "argumentet '{argument}' saknas", en: "missing argument '{argument}'"),
        Entry("cli.error.missing_subcommand",
              sv: "underkommando saknas; giltiga: {commands}",
              en: "missing subcommand; valid ones: {commands}"),
        Entry("cli.error.unexpected_argument",
              sv: "oväntat argument (högst {count} förväntades)",
              en: "unexpected argument (at most {count} expected)"),
        Entry("cli.error.invalid_value",
              sv: "ogiltigt värde för '{option}': {reason}",
              en: "invalid value for '{option}': {reason}"),
        Entry("cli.error.unknown_command",
              sv: "okänt kommando '{command}'; giltiga: {commands}",
              en: "unknown command '{command}'; valid ones: {commands}"),

        Entry("cli.error.unknown_command_suggestion",
              sv: "okänt kommando '{command}'; menade du '{suggestion}'?",
              en: "unknown command '{command}'; did you mean '{suggestion}'?"),

        // The values an option takes, in running text (`ChoiceList`).
        Entry("cli.list.or", sv: "{items} eller {last}", en: "{items} or {last}"),

        // Reasons for `cli.error.invalid_value`.
        Entry("cli.reason.integer", sv: "ett heltal förväntas", en: "expected an integer"),
        Entry("cli.reason.integer_range",
              sv: "ett heltal mellan {min} och {max} förväntas",
              en: "expected an integer from {min} to {max}"),
        Entry("cli.reason.one_of", sv: "ett av {choices} förväntas", en: "expected one of {choices}"),
        Entry("cli.reason.one_of_or_names", sv: "ett av {choices} förväntas (eller namnet på svenska eller engelska)",
              en: "expected one of {choices} (or its name in Swedish or English)"),
    ]
}
