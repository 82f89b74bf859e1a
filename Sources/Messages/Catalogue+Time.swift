extension Catalogue {
    /// Texts about dates and times, such as errors from `StockholmTime.parse(_:)`.
    static let timeEntries: [Entry] = [
        Entry("time.error.invalid_format",
              sv: "ogiltigt datum; skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM",
              en: "invalid date; write YYYY-MM-DD or YYYY-MM-DD HH:MM"),
        Entry("time.error.out_of_range",
              sv: "datumet eller klockslaget finns inte",
              en: "no such date or time of day"),
        Entry("time.error.nonexistent_time",
              sv: "klockslaget finns inte i svensk tid (sommartid börjar)",
              en: "that time does not exist in Swedish time (summer time begins)"),
    ]
}
