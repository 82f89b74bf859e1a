/// A plain text table for the terminal: columns padded to their widest cell.
public enum TextTable {
    /// Renders `header` and `rows` with two spaces between columns and a rule under the header.
    /// - Parameters:
    ///   - header: column headings.
    ///   - rows: cells; short rows are padded with empty cells.
    ///   - rightAligned: indexes of numeric columns, aligned right.
    ///   - rule: whether a rule of dashes goes under the header.
    /// - Returns: lines separated by `\n`, ending with one.
    public static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = [], rule: Bool = true) -> String {
        let all = ([header] + rows).map { $0.map(printable) }
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ row: [String]) -> String {
            (0..<columns).map { index in
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var output = line(all[0]) + "\n"
        if rule { output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        for row in all.dropFirst() { output += line(row) + "\n" }
        return output
    }

    /// The text with control characters (which could move the cursor or recolour the
    /// terminal when user data holds escape sequences) replaced by spaces.
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) ? " " : scalar
        }))
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
