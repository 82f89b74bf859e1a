/// CSV that Excel with Swedish settings opens correctly by double-click.
///
/// UTF-8 with a byte-order mark (without it Excel reads Windows-1252 and mangles å ä ö),
/// `;` as separator (Swedish Excel's list separator, since `,` is the decimal comma),
/// CRLF line ends, and a field quoted when it holds `;`, `"`, CR or LF, with `"` doubled.
/// A cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so text typed
/// by a user can never run as a formula (CSV injection).
public enum ExcelCSV {
    /// The UTF-8 byte-order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The file's bytes for `rows` of cells.
    public static func bytes(_ rows: [[String]]) -> [UInt8] {
        var output = byteOrderMark
        for row in rows {
            output.append(contentsOf: row.map(cell).joined(separator: ";").utf8)
            output.append(contentsOf: [0x0D, 0x0A])
        }
        return output
    }

    /// One cell, guarded and quoted as needed.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
