// TEMPORARY: stand-ins for the `Messages` module (Language, MessageKey, Catalogue.Entry,
// StockholmTime, KronorFormat) with the same names and shapes, so ForumModel builds before
// main has the catalogue. Delete this file and `import Messages` once it is merged.
import Foundation

/// A language the product speaks (stand-in for `Messages.Language`).
public enum Language: String, Sendable, CaseIterable, Hashable {
    /// Swedish.
    case sv
    /// English.
    case en
}

/// The stable identifier of one message (stand-in for `Messages.MessageKey`).
public struct MessageKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The dotted key.
    public let rawValue: String
    /// Creates a key from its dotted form.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

/// One message in both languages (stand-in for `Messages.Catalogue.Entry`).
struct Entry: Sendable {
    let key: MessageKey
    let sv: String
    let en: String
    init(_ key: MessageKey, sv: String, en: String) {
        self.key = key
        self.sv = sv
        self.en = en
    }
}

/// Stockholm display time (stand-in for `Messages.StockholmTime`).
enum StockholmTime {
    enum Style { case date, dateTime, time }

    static func format(_ date: Date, style: Style = .dateTime, language: Language) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? TimeZone(secondsFromGMT: 3600)
        switch style {
        case .date: formatter.dateFormat = "yyyy-MM-dd"
        case .dateTime: formatter.dateFormat = "yyyy-MM-dd HH:mm"
        case .time: formatter.dateFormat = "HH:mm"
        }
        return formatter.string(from: date)
    }
}

/// Kronor for people to read (stand-in for `Messages.KronorFormat`).
enum KronorFormat {
    static func format(_ kronor: Int, language: Language) -> String {
        let sign = kronor < 0 ? "-" : ""
        let digits = Array(String(kronor.magnitude))
        func grouped(_ separator: String) -> String {
            var result = ""
            for (index, digit) in digits.enumerated() {
                if index > 0, (digits.count - index) % 3 == 0 { result += separator }
                result.append(digit)
            }
            return result
        }
        switch language {
        case .sv: return sign + grouped("\u{00A0}") + "\u{00A0}kr"
        case .en: return "SEK " + sign + grouped(",")
        }
    }
}

/// Looks up domain texts (stand-in for `Catalogue.standard.text`).
enum Catalogue {
    static let table: [MessageKey: Entry] = {
        var table: [MessageKey: Entry] = [:]
        for entry in DomainText.entries where table[entry.key] == nil { table[entry.key] = entry }
        return table
    }()

    static func text(_ key: MessageKey, _ language: Language, _ args: [String: String] = [:]) -> String {
        guard let entry = table[key] else { return key.rawValue }
        var text = language == .sv ? entry.sv : entry.en
        for (name, value) in args { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
