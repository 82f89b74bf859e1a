import Testing
import Messages

@Suite struct LanguageTests {
    @Test func overrideWinsOverEnvironment() {
        #expect(Language.resolve(override: "en", environment: ["LC_ALL": "sv_SE.UTF-8"]) == .en)
        #expect(Language.resolve(override: "sv", environment: ["LANG": "en_US.UTF-8"]) == .sv)
    }

    @Test func emptyOverrideFallsBackToEnvironment() {
        #expect(Language.resolve(override: "", environment: ["LANG": "sv_SE.UTF-8"]) == .sv)
    }

    @Test func lcAllThenLcMessagesThenLang() {
        let all = ["LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "sv_SE", "LANG": "sv_SE"]
        #expect(Language.resolve(override: nil, environment: all) == .en)
        let messages = ["LC_ALL": "", "LC_MESSAGES": "sv_SE.UTF-8", "LANG": "en_US"]
        #expect(Language.resolve(override: nil, environment: messages) == .sv)
        #expect(Language.resolve(override: nil, environment: ["LANG": "sv_FI.UTF-8"]) == .sv)
    }

    @Test func englishWhenNothingSwedishIsSet() {
        #expect(Language.resolve(override: nil, environment: [:]) == .en)
        #expect(Language.resolve(override: nil, environment: ["LANG": "C"]) == .en)
        #expect(Language.resolve(override: nil, environment: ["LANG": "POSIX"]) == .en)
        #expect(Language.resolve(override: nil, environment: ["LANG": "de_DE.UTF-8"]) == .en)
    }

    @Test(arguments: ["sv", "SV", "sv_SE", "sv-SE", "sv_SE.UTF-8", "sv@euro"])
    func recognisesSwedishTags(_ tag: String) {
        #expect(Language(tag: tag) == .sv)
    }

    @Test(arguments: ["svx", "se", "en", "", "s"])
    func treatsOtherTagsAsEnglish(_ tag: String) {
        #expect(Language(tag: tag) == .en)
    }
}
