/// Amounts of Swedish kronor for people to read (compensation paid to participants).
///
/// - Swedish: `12 500 kr`, grouped by three with a no-break space (U+00A0), and a
///   no-break space before `kr` so the amount never wraps apart.
/// - English: `SEK 12,500`, the currency code first and comma grouping, as English
///   texts usually write foreign currencies.
///
/// Negative amounts take a leading hyphen-minus (`-900 kr`, `SEK -900`).
public enum KronorFormat {
    /// The no-break space used for grouping and before the unit in Swedish.
    public static let noBreakSpace = "\u{00A0}"

    /// Formats a whole number of kronor.
    ///
    /// - Parameters:
    ///   - kronor: The amount; any `Int`, including `Int.min`.
    ///   - language: The reader's language.
    public static func format(_ kronor: Int, language: Language) -> String {
        let sign = kronor < 0 ? "-" : ""
        switch language {
        case .sv: return sign + grouped(kronor.magnitude, separator: noBreakSpace) + noBreakSpace + "kr"
        case .en: return "SEK " + sign + grouped(kronor.magnitude, separator: ",")
        }
    }

    static func grouped(_ value: UInt, separator: String) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += separator }
            result.append(digit)
        }
        return result
    }
}
