import Messages
import Testing
@testable import ArgumentParsing

/// The values an option takes, as help text: commas, and "or"/"eller" before the last.
@Suite struct ChoiceListTests {
    enum Shade: String, CaseIterable { case light, dark, auto }

    @Test func joinsWithOrInTheLocalizersLanguage() {
        #expect(ChoiceList.either(Shade.allCases, Localizer(language: .en)) == "light, dark or auto")
        #expect(ChoiceList.either(Shade.allCases, Localizer(language: .sv)) == "light, dark eller auto")
    }

    @Test func oneValueStandsAloneAndNoneIsEmpty() {
        let l = Localizer(language: .sv)
        #expect(ChoiceList.either(["light", "dark"], l) == "light eller dark")
        #expect(ChoiceList.either(["light"], l) == "light")
        #expect(ChoiceList.either([String](), l) == "")
    }
}
