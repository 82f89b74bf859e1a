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

    /// Every command's `--help`, each under a `== forum-server PATH ==` line.
    static func helps(lang: String) -> String {
        let runner = ServerCLIRunner()
        return ServerCLIRunner.allPaths.map { path in
            let outcome = runner.run(path + ["--help"], lang: lang)
            return "== " + (["forum-server"] + path).joined(separator: " ") + " (exit \(outcome.status)) ==\n" + outcome.out
        }.joined(separator: "\n")
    }

    @Test(arguments: [("sv", "sv_SE.UTF-8"), ("en", "C")])
    func everyCommandsHelpIsTheGoldenText(language: String, lang: String) throws {
        let file = Self.golden.appendingPathComponent("help.\(language).txt")
        let text = Self.helps(lang: lang)
        if ProcessInfo.processInfo.environment["FORUM_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: file)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "help differs from \(file.lastPathComponent); rerun with FORUM_UPDATE_GOLDEN=1 and review the diff")
        #expect(!text.contains("(exit 64)") && !text.contains("(exit 1)"), "--help must succeed for every command")
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
        let runner = ServerCLIRunner()
        for path in ServerCLIRunner.allPaths {
            let swedish = runner.run(path + ["--help"], lang: "sv_SE.UTF-8").out
            let english = runner.run(path + ["--help"], lang: "C").out
            let leftovers = HelpPlaceholders.englishLeftovers(swedish: swedish, english: english)
            #expect(leftovers.isEmpty, "'forum-server \(path.joined(separator: " "))' in Swedish shows English placeholders: \(leftovers)")
        }
    }

    /// Every abstract ends in a full stop, in both languages (the parent's list of
    /// subcommands shows the same text).
    @Test func everyAbstractEndsWithAFullStop() {
        let runner = ServerCLIRunner()
        for path in ServerCLIRunner.allPaths {
            for (lang, label) in [("sv_SE.UTF-8", "ÖVERSIKT: "), ("C", "OVERVIEW: ")] {
                let help = runner.run(path + ["--help"], lang: lang).out
                let overview = help.components(separatedBy: "\n\n").first ?? ""
                #expect(overview.hasPrefix(label) && overview.hasSuffix("."),
                        "'forum-server \(path.joined(separator: " "))' (\(lang)): the abstract does not end in a full stop")
            }
        }
    }

    /// Every argument's and option's help is a sentence like the rest: a capital letter first,
    /// a full stop last, in both languages (`forum app`'s were lower case without one).
    @Test func everyArgumentsHelpIsASentence() {
        let runner = ServerCLIRunner()
        for path in ServerCLIRunner.allPaths {
            for lang in ["sv_SE.UTF-8", "C"] {
                let rows = HelpRows.all(in: runner.run(path + ["--help"], lang: lang).out)
                #expect(!rows.isEmpty)
                for row in rows where !HelpRows.isSentence(row.text) {
                    Issue.record("'forum-server \(path.joined(separator: " "))' (\(lang)) \(row.label): '\(row.text)'")
                }
            }
        }
    }

    @Test func everyCommandsAbstractIsTranslated() {
        let runner = ServerCLIRunner()
        func abstract(_ path: [String], _ lang: String, label: String) -> String? {
            runner.run(path + ["--help"], lang: lang).out.split(separator: "\n")
                .first { $0.hasPrefix(label) }.map { String($0.dropFirst(label.count)) }
        }
        for path in ServerCLIRunner.allPaths {
            let english = abstract(path, "C", label: "OVERVIEW: ")
            let swedish = abstract(path, "sv_SE.UTF-8", label: "ÖVERSIKT: ")
            #expect(english != nil && swedish != nil, "\(path) has no overview line")
            #expect(english != swedish, "\(path): the Swedish abstract is the English one")
        }
    }
}
