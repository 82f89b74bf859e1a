extension Catalogue {
    /// Every message of the product, area by area. A new area adds its
    /// `Catalogue+<Area>.swift` file and one line here.
    static var entries: [Entry] {
        cliEntries + cliValueEntries + timeEntries + domainEntries + serverEntries + clientEntries + dashboardEntries + appEntries
    }
}
