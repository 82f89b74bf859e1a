import ForumModel
import Foundation
import Messages
import TestSupport
import Testing
@testable import ForumCLI

/// The help of every `forum` command, in Swedish and in English, is the text in
/// `Golden/help.<lang>.txt`. A change of any help text shows in review as a change of that
/// file; `FORUM_UPDATE_GOLDEN=1 swift test --filter ForumHelpGoldenTests` rewrites it.
@Suite struct ForumHelpGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The rules every command's help holds, walked over the whole tree.
    static let conformance = HelpConformance(program: "forum", paths: ForumCommandPaths.all) { path, lang in
        let outcome = ForumCLIRunner().run(path + ["--help"], lang: lang)
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
        #expect(ForumCommandTree.root.commandSpec(Localizer(language: language)).validate() == [])
    }

    /// Value placeholders come from the catalogue: Swedish help says `<katalog>`, not
    /// `<directory>`. A placeholder written as in the English help is a leftover unless it is
    /// the same word in both languages (`HelpPlaceholders.sameInBothLanguages`) or lists the
    /// literal values the option takes (`<sv|en>`).
    @Test func swedishHelpHasNoEnglishPlaceholders() {
        #expect(Self.conformance.englishPlaceholdersInSwedish() == [])
    }

    /// An option taking one of the model's values lists them from the model's enum (as the
    /// parser checks them), so a kind added to `ForumKind` shows in help without a second edit.
    @Test func helpListsTheModelsValuesForEveryChoiceOption() {
        let runner = ForumCLIRunner()
        let options: [(path: [String], option: String, values: [String])] = [
            (["forum", "add"], "--kind", ForumKind.allCases.map(\.rawValue)),
            (["forum", "edit"], "--kind", ForumKind.allCases.map(\.rawValue)),
            (["attend"], "--role", AttendanceRole.allCases.map(\.rawValue)),
            (["honorarium", "list"], "--status", HonorariumStatus.allCases.map(\.rawValue)),
            (["honorarium", "pay"], "--method", PaymentMethod.allCases.map(\.rawValue)),
        ]
        for (path, option, values) in options {
            for (lang, or) in [("sv_SE.UTF-8", "eller"), ("C", "or")] {
                let lines = runner.run(path + ["--help"], lang: lang).out.split(separator: "\n")
                guard let start = lines.firstIndex(where: { $0.hasPrefix("  \(option) ") }) else {
                    Issue.record("\(path) \(option): no help row")
                    continue
                }
                let rest = lines[(start + 1)...].prefix { $0.hasPrefix(String(repeating: " ", count: 26)) }
                let row = ([lines[start]] + rest).joined(separator: " ").split(separator: " ")
                for value in values {
                    #expect(row.contains { $0.trimmingCharacters(in: .punctuationCharacters) == value },
                            "\(path) \(option) (\(lang)): '\(value)' is not listed")
                }
                #expect(row.contains(Substring(or)), "\(path) \(option) (\(lang)): the list is not joined with '\(or)'")
            }
        }
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

    /// The `--lang` option overrides the locale, for help as for everything else.
    @Test func langOverridesTheLocaleInHelp() {
        let runner = ForumCLIRunner()
        #expect(runner.run(["sync", "--help", "--lang", "sv"], lang: "C").out.hasPrefix("ÖVERSIKT: "))
        #expect(runner.run(["--lang", "en", "sync", "--help"], lang: "sv_SE.UTF-8").out.hasPrefix("OVERVIEW: "))
    }
}
