/// The value placeholders of a command's help (`katalog` in `--data <katalog>`), and the
/// check both CLIs' tests use so an English placeholder cannot come back into Swedish help.
public enum HelpPlaceholders {
    /// Placeholders that are the same word in Swedish and in English, so the same text in
    /// both helps is a translation, not a leftover.
    public static let sameInBothLanguages: Set<String> = ["forum-id", "id", "kronor", "port", "status", "url"]

    /// Every `<…>` placeholder in `help`, in order, without the angle brackets.
    public static func all(in help: String) -> [String] {
        var found: [String] = []
        var current: String?
        for character in help {
            switch character {
            case "<": current = ""
            case ">":
                if let text = current, !text.isEmpty { found.append(text) }
                current = nil
            case "\n": current = nil
            default: current?.append(character)
            }
        }
        return found
    }

    /// Whether `placeholder` lists the literal values an option accepts (`sv|en`,
    /// `planned|held`): those are typed as shown in either language, like option names.
    public static func isListOfValues(_ placeholder: String) -> Bool { placeholder.contains("|") }

    /// The placeholders of `swedish` help that are written exactly as a placeholder of the
    /// same command's `english` help, apart from the allowed ones: English left in Swedish.
    public static func englishLeftovers(swedish: String, english: String) -> [String] {
        let englishOnes = Set(all(in: english))
        var seen: Set<String> = []
        return all(in: swedish).filter { placeholder in
            englishOnes.contains(placeholder) && !sameInBothLanguages.contains(placeholder)
                && !isListOfValues(placeholder) && seen.insert(placeholder).inserted
        }
    }
}
