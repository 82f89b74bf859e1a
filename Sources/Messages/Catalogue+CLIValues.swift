extension Catalogue {
    /// The value placeholders of both command-line tools' help, usage lines and usage
    /// errors: `katalog` in `--data <katalog>`. The option names (`--data`) are the interface
    /// and stay English; what the value is gets a name in the reader's language.
    ///
    /// A placeholder is a short noun, lower case, words joined by `-`; a format is written as
    /// the reader writes it (`ÅÅÅÅ-MM-DD`). Lists of the literal values an option takes
    /// (`sv|en`) are built from those values, not kept here.
    static let cliValueEntries: [Entry] = [
        // Files and places.
        Entry("cli.value.directory", sv: "katalog", en: "directory"),
        Entry("cli.value.file", sv: "fil", en: "file"),
        Entry("cli.value.url", sv: "url", en: "url"),
        Entry("cli.value.host", sv: "värd", en: "host"),
        Entry("cli.value.address", sv: "adress", en: "address"),
        Entry("cli.value.port", sv: "port", en: "port"),

        // Numbers, days and times.
        Entry("cli.value.count", sv: "antal", en: "n"),
        Entry("cli.value.days", sv: "dagar", en: "days"),
        Entry("cli.value.kronor", sv: "kronor", en: "kronor"),
        Entry("cli.value.day", sv: "ÅÅÅÅ-MM-DD", en: "YYYY-MM-DD"),
        Entry("cli.value.time", sv: "ÅÅÅÅ-MM-DD TT:MM", en: "YYYY-MM-DD HH:MM"),

        // Records and their fields.
        Entry("cli.value.id", sv: "id", en: "id"),
        Entry("cli.value.forum_id", sv: "forum-id", en: "forum-id"),
        Entry("cli.value.participant_id", sv: "deltagar-id", en: "participant-id"),
        Entry("cli.value.honorarium_id", sv: "arvodes-id", en: "honorarium-id"),
        Entry("cli.value.code", sv: "kod", en: "code"),
        Entry("cli.value.title", sv: "titel", en: "title"),
        Entry("cli.value.kind", sv: "typ", en: "kind"),
        Entry("cli.value.venue", sv: "plats", en: "venue"),
        Entry("cli.value.series", sv: "serie", en: "series"),
        Entry("cli.value.minutes", sv: "anteckningar", en: "minutes"),
        Entry("cli.value.name", sv: "namn", en: "name"),
        Entry("cli.value.association", sv: "förening", en: "association"),
        Entry("cli.value.contact", sv: "kontakt", en: "contact"),
        Entry("cli.value.municipality", sv: "kommun", en: "municipality"),
        Entry("cli.value.role", sv: "roll", en: "role"),
        Entry("cli.value.status", sv: "status", en: "status"),
        Entry("cli.value.reason", sv: "skäl", en: "reason"),
        Entry("cli.value.reference", sv: "referens", en: "reference"),
        Entry("cli.value.payment_method", sv: "betalsätt", en: "method"),
        Entry("cli.value.identity_number", sv: "ÅÅÅÅMMDD-NNNN", en: "YYYYMMDD-NNNN"),
        Entry("cli.value.clearing", sv: "clearingnummer", en: "clearing-number"),
        Entry("cli.value.account", sv: "kontonummer", en: "account-number"),

        // Conflicts on the server.
        Entry("cli.value.field", sv: "fält", en: "field"),
        Entry("cli.value.value_id", sv: "värde-id", en: "value-id"),
        Entry("cli.value.value", sv: "värde", en: "value"),
    ]
}
