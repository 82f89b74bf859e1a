import Foundation
import Messages
import TestSupport
import Testing
@testable import ServerCLI

/// The help of every `forum-server` command, in Swedish and in English, is the text in
/// `Golden/help.<lang>.txt`. A change of any help text shows in review as a change of that
/// file; `FORUM_UPDATE_GOLDEN=1 swift test --filter ServerHelpGoldenTests` rewrites it.
@Suite struct ServerHelpGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The rules every command's help holds, walked over the whole tree.
    static let conformance = HelpConformance(program: "forum-server", paths: ServerCLIRunner.allPaths) { path, lang in
        let outcome = ServerCLIRunner().run(path + ["--help"], lang: lang)
        return (outcome.status, outcome.out)
    }

    @Test(arguments: [("sv", "sv_SE.UTF-8"), ("en", "C")])
    func everyCommandsHelpIsTheGoldenText(language: String, lang: String) throws {
        let mismatch = try Self.conformance.goldenMismatch(file: Self.golden.appendingPathComponent("help.\(language).txt"),
                                                           lang: lang)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    /// The declaration passes `CommandSpec.validate()` in both languages: names, clashes,
    /// and a value name on every option and positional (never derived from the option's name).
    @Test(arguments: Language.allCases)
    func theCommandTreeIsSound(language: Language) {
        #expect(ServerCommandTree.root.commandSpec(Localizer(language: language)).validate() == [])
    }

    /// Value placeholders come from the catalogue: Swedish help says `<katalog>`, not
    /// `<directory>`. A placeholder written as in the English help is a leftover unless it is
    /// the same word in both languages (`HelpPlaceholders.sameInBothLanguages`) or lists the
    /// literal values the option takes (`<sv|en>`).
    @Test func swedishHelpHasNoEnglishPlaceholders() {
        #expect(Self.conformance.englishPlaceholdersInSwedish() == [])
    }

    /// Every abstract ends in a full stop, in both languages (the parent's list of
    /// subcommands shows the same text).
    @Test func everyAbstractEndsWithAFullStop() {
        #expect(Self.conformance.abstractsWithoutAFullStop() == [])
    }

    /// Every argument's and option's help is a sentence like the rest: a capital letter first,
    /// a full stop last, in both languages (`forum app`'s were lower case without one).
    @Test func everyArgumentsHelpIsASentence() {
        #expect(Self.conformance.rowsThatAreNotSentences() == [])
    }

    @Test func everyCommandsAbstractIsTranslated() {
        #expect(Self.conformance.untranslatedAbstracts() == [])
    }
}
