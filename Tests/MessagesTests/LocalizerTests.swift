import Testing
import Messages

@Suite struct LocalizerTests {
    @Test func looksUpInItsLanguage() {
        #expect(Localizer(language: .sv)["cli.error.line", ["message": "x"]] == "Fel: x")
        #expect(Localizer(language: .en)["cli.error.line", ["message": "x"]] == "Error: x")
    }

    @Test func usesAGivenCatalogue() {
        let catalogue = Catalogue(entries: [.init("t.n", sv: "{n} st", en: "{n} pcs")])
        let localizer = Localizer(language: .sv, catalogue: catalogue)
        #expect(localizer["t.n", ["n": "3"]] == "3 st")
        #expect(localizer["cli.help.usage"] == "cli.help.usage")
    }
}
