/// The argument and option rows of a command's help (`  --data <katalog>   Datakatalog …`),
/// each as its label and its help text with wrapped lines joined, for tests that judge the
/// texts people read rather than the layout (the golden files hold the layout).
public enum HelpRows {
    /// The column where help texts start (`HelpFormatter.helpColumn`).
    public static let helpColumn = 26

    /// Every row whose label is an option (`-m, --municipality <kommun>`) or a positional
    /// (`<forum-id>`), in order.
    public static func all(in help: String) -> [(label: String, text: String)] {
        var rows: [(label: String, text: String)] = []
        let indent = String(repeating: " ", count: helpColumn)
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  -") || line.hasPrefix("  <") {
                let characters = Array(line)
                let textStarts = characters.count > helpColumn && characters[helpColumn - 2] == " "
                    && characters[helpColumn - 1] == " "
                let label = String(characters[2..<(textStarts ? helpColumn : characters.count)])
                let text = textStarts ? String(characters[helpColumn...]) : ""
                rows.append((label.trimmingSpaces, text))
            } else if line.hasPrefix(indent), let last = rows.indices.last {
                let more = String(line.dropFirst(helpColumn))
                rows[last].text = rows[last].text.isEmpty ? more : rows[last].text + " " + more
            }
        }
        return rows
    }

    /// Whether `text` reads as the help texts do: a capital letter first, a full stop last.
    public static func isSentence(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        return first.isUppercase && last == "."
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
