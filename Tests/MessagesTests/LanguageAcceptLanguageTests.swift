import Testing
import Messages

@Suite struct LanguageAcceptLanguageTests {
    @Test func defaultsToSwedishWithoutHeader() {
        #expect(Language.fromAcceptLanguage(nil) == .sv)
        #expect(Language.fromAcceptLanguage("") == .sv)
        #expect(Language.fromAcceptLanguage(nil, default: .en) == .en)
    }

    @Test func picksEnglishWhenBrowserPrefersIt() {
        #expect(Language.fromAcceptLanguage("en-US,en;q=0.9,sv;q=0.8") == .en)
        #expect(Language.fromAcceptLanguage("en") == .en)
    }

    @Test func picksSwedishWhenPreferred() {
        #expect(Language.fromAcceptLanguage("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7") == .sv)
    }

    @Test func honoursQualityOverOrder() {
        #expect(Language.fromAcceptLanguage("sv;q=0.5, en;q=0.8") == .en)
        #expect(Language.fromAcceptLanguage("en;q=0.3 , sv ; q=0.4") == .sv)
    }

    @Test func equalQualityGoesToTheFirstListed() {
        #expect(Language.fromAcceptLanguage("en, sv") == .en)
        #expect(Language.fromAcceptLanguage("sv, en") == .sv)
    }

    @Test func unsupportedLanguagesFallBackToDefault() {
        #expect(Language.fromAcceptLanguage("de-DE,fr;q=0.9") == .sv)
        #expect(Language.fromAcceptLanguage("de-DE,fr;q=0.9,en;q=0.1") == .en)
    }

    @Test func zeroQualityExcludes() {
        #expect(Language.fromAcceptLanguage("sv;q=0, en;q=0.1") == .en)
        #expect(Language.fromAcceptLanguage("en;q=0") == .sv)
    }

    @Test func wildcardCoversUnnamedLanguages() {
        #expect(Language.fromAcceptLanguage("en;q=0.5, *;q=0.8") == .sv)
        #expect(Language.fromAcceptLanguage("*", default: .en) == .en)
    }

    @Test(arguments: ["en;q=abc", "en;q=2", ";;;,,,", "en;q=-1, ,", "\u{0}", "sv;q"])
    func skipsMalformedEntries(_ header: String) {
        #expect(Language.fromAcceptLanguage(header) == .sv)
    }
}
