import Foundation

/// What every command's help of a program must be, checked the same way for `forum` and
/// `forum-server`: each check walks every command path in Swedish and English and returns
/// what is wrong (empty when the help conforms), so the suites read as the rules they hold.
public struct HelpConformance: Sendable {
    /// One `--help` run: the exit status and what went to standard output.
    public typealias Help = (status: Int32, out: String)

    /// The program's name as it appears in messages (`forum`, `forum-server`).
    public let program: String
    /// Every command path, the root's (`[]`) included.
    public let paths: [[String]]
    /// Runs `path + ["--help"]` under the locale `lang` (`sv_SE.UTF-8`, `C`).
    public let help: @Sendable (_ path: [String], _ lang: String) -> Help

    /// The locales checked, with the label help starts with in each.
    public static let locales: [(lang: String, overview: String)] = [("sv_SE.UTF-8", "ÖVERSIKT: "), ("C", "OVERVIEW: ")]

    public init(program: String, paths: [[String]], help: @escaping @Sendable (_ path: [String], _ lang: String) -> Help) {
        self.program = program
        self.paths = paths
        self.help = help
    }

    /// Every command's help under `lang`, each under a `== PROGRAM PATH (exit N) ==` line:
    /// the golden text.
    public func goldenText(lang: String) -> String {
        paths.map { path in
            let outcome = help(path, lang)
            return "== \(name(path)) (exit \(outcome.status)) ==\n" + outcome.out
        }.joined(separator: "\n")
    }

    /// What differs from the golden file `file` for `lang` (`nil` when nothing does), after
    /// rewriting it when `FORUM_UPDATE_GOLDEN=1`; a `--help` that failed counts as a difference.
    public func goldenMismatch(file: URL, lang: String) throws -> String? {
        let text = goldenText(lang: lang)
        if ProcessInfo.processInfo.environment["FORUM_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: file)
        }
        if text.contains("(exit 64)") || text.contains("(exit 1)") { return "--help must succeed for every command" }
        let expected = try String(contentsOf: file, encoding: .utf8)
        return text == expected ? nil
            : "help differs from \(file.lastPathComponent); rerun with FORUM_UPDATE_GOLDEN=1 and review the diff"
    }

    /// Swedish placeholders written as in the same command's English help
    /// (`HelpPlaceholders.englishLeftovers`).
    public func englishPlaceholdersInSwedish() -> [String] {
        paths.compactMap { path in
            let leftovers = HelpPlaceholders.englishLeftovers(swedish: help(path, "sv_SE.UTF-8").out,
                                                              english: help(path, "C").out)
            return leftovers.isEmpty ? nil : "'\(name(path))' in Swedish shows English placeholders: \(leftovers)"
        }
    }

    /// Abstracts that do not end in a full stop, in either language.
    public func abstractsWithoutAFullStop() -> [String] {
        paths.flatMap { path in
            Self.locales.compactMap { lang, label in
                let overview = help(path, lang).out.components(separatedBy: "\n\n").first ?? ""
                return overview.hasPrefix(label) && overview.hasSuffix(".") ? nil
                    : "'\(name(path))' (\(lang)): the abstract does not end in a full stop"
            }
        }
    }

    /// Argument and option rows whose help is not a sentence (a capital first, a full stop
    /// last), and commands whose help shows no such row at all.
    public func rowsThatAreNotSentences() -> [String] {
        paths.flatMap { path in
            Self.locales.flatMap { lang, _ in
                let rows = HelpRows.all(in: help(path, lang).out)
                if rows.isEmpty { return ["'\(name(path))' (\(lang)): no argument or option rows"] }
                return rows.filter { !HelpRows.isSentence($0.text) }
                    .map { "'\(name(path))' (\(lang)) \($0.label): '\($0.text)'" }
            }
        }
    }

    /// Commands without an overview line in either language, or whose Swedish abstract is
    /// the English one.
    public func untranslatedAbstracts() -> [String] {
        func abstract(_ path: [String], _ lang: String, _ label: String) -> String? {
            help(path, lang).out.split(separator: "\n").first { $0.hasPrefix(label) }.map { String($0.dropFirst(label.count)) }
        }
        return paths.compactMap { path in
            let swedish = abstract(path, "sv_SE.UTF-8", "ÖVERSIKT: ")
            let english = abstract(path, "C", "OVERVIEW: ")
            if swedish == nil || english == nil { return "'\(name(path))' has no overview line" }
            return swedish == english ? "'\(name(path))': the Swedish abstract is the English one" : nil
        }
    }

    private func name(_ path: [String]) -> String { ([program] + path).joined(separator: " ") }
}
