/// Rows of a CSV written by `ExcelCSV`: the byte-order mark dropped, `;` between cells,
/// CRLF between rows, quoted cells with doubled quotes.
public enum CSVReader {
    /// The rows of `bytes`, each a list of cells.
    public static func rows(_ bytes: [UInt8]) -> [[String]] {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { cell.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else { cell.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == ";" { row.append(cell); cell = ""
            } else if c == "\r" { continue
            } else if c == "\n" { row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.unicodeScalars.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}
