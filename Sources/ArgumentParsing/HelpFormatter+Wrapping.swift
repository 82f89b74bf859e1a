extension HelpFormatter {
    /// Word-wraps `text` to `width` columns, every line indented by `indent` spaces.
    ///
    /// Existing line breaks are kept (a discussion may hold a list of exit codes); a line
    /// that fits is kept verbatim, and one that starts with spaces keeps them as extra
    /// indentation on its continuation lines. A list item, a first word followed by two or
    /// more spaces (`  2   the sync did not…`), keeps its columns: its continuation lines
    /// hang under its text.
    /// A word longer than the room left sits alone on an overlong line rather than being
    /// split. Trailing spaces are never emitted.
    static func wrap(_ text: String, width: Int, indent: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let leading = line.prefix { $0 == " " }.count
            let prefix = String(repeating: " ", count: indent + leading)
            // A line that fits keeps its own spacing (aligned columns in a discussion).
            var trimmed = line
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty { return "" }
            if indent + trimmed.count <= width { return String(repeating: " ", count: indent) + trimmed }
            let body = line.dropFirst(leading)
            let term = body.prefix { $0 != " " }
            let gap = body.dropFirst(term.count).prefix { $0 == " " }.count
            let hang = !term.isEmpty && gap >= 2 ? leading + term.count + gap : nil
            let head = hang.map { String(repeating: " ", count: indent) + line.prefix($0) }
            let continuation = hang.map { String(repeating: " ", count: indent + $0) } ?? prefix
            var lines: [String] = []
            var current = ""
            for word in line.dropFirst(hang ?? 0).split(separator: " ") {
                if current.isEmpty {
                    current = (lines.isEmpty ? head ?? prefix : continuation) + word
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    lines.append(current)
                    current = continuation + word
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
