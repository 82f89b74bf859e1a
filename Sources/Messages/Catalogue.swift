/// The product's message catalogue: every user-facing text, in Swedish and English.
///
/// Entries live in `Catalogue+<Area>.swift` files as lists of `Entry` values, gathered by
/// `Catalogue.entries` in `Catalogue+Entries.swift`. Texts may contain `{name}`
/// placeholders, replaced by `text(_:_:_:)`.
///
/// A missing key never crashes: the key itself is returned, which a test and a reviewer
/// will notice but a user can still read past.
public struct Catalogue: Sendable {
    /// One message in both languages. Both are required, so a key cannot be half
    /// translated; a test checks they are non-empty and share placeholders.
    public struct Entry: Sendable {
        /// The message's key.
        public let key: MessageKey
        /// The Swedish text.
        public let sv: String
        /// The English text.
        public let en: String

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - key: The stable dotted key.
        ///   - sv: The Swedish text, with `{name}` placeholders.
        ///   - en: The English text, with the same placeholders.
        public init(_ key: MessageKey, sv: String, en: String) {
            self.key = key
            self.sv = sv
            self.en = en
        }

        /// The text in `language`.
        public func text(in language: Language) -> String {
            switch language {
            case .sv: return sv
            case .en: return en
            }
        }
    }

    /// The catalogue of the product, built from every area file.
    public static let standard = Catalogue(entries: Catalogue.entries)

    /// The entries by key. With duplicate keys the first entry is kept (a test forbids
    /// duplicates in the standard catalogue).
    public let entriesByKey: [MessageKey: Entry]

    /// Creates a catalogue from a list of entries.
    ///
    /// - Parameter entries: The messages; on a duplicate key the first one wins.
    public init(entries: [Entry]) {
        var table: [MessageKey: Entry] = [:]
        for entry in entries where table[entry.key] == nil {
            table[entry.key] = entry
        }
        entriesByKey = table
    }

    /// Returns the text for `key` in `language` with placeholders filled in.
    ///
    /// Substitution is a single pass, so a value that itself contains `{x}` is inserted
    /// literally. A placeholder with no value in `args` is left as written.
    ///
    /// - Parameters:
    ///   - key: The message key.
    ///   - language: The language wanted.
    ///   - args: Values for the `{name}` placeholders.
    /// - Returns: The text, or the key itself when the catalogue lacks it.
    public func text(_ key: MessageKey, _ language: Language, _ args: [String: String] = [:]) -> String {
        guard let entry = entriesByKey[key] else { return key.rawValue }
        return Self.substitute(entry.text(in: language), args)
    }

    /// The names of the `{name}` placeholders in `template`, in order of appearance.
    ///
    /// - Parameter template: A catalogue text.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        forEachPart(of: template) { part in
            if case .placeholder(let name) = part { names.append(name) }
        }
        return names
    }

    static func substitute(_ template: String, _ args: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        forEachPart(of: template) { part in
            switch part {
            case .literal(let text): result += text
            case .placeholder(let name): result += args[name] ?? "{\(name)}"
            }
        }
        return result
    }

    enum Part {
        case literal(Substring)
        case placeholder(String)
    }

    /// Splits a template into literal text and `{name}` placeholders, where a name is one
    /// or more ASCII letters, digits or underscores. Other braces are literal text.
    static func forEachPart(of template: String, _ body: (Part) -> Void) {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            let name = rest[afterOpen...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            let close = name.endIndex
            if !name.isEmpty, close < rest.endIndex, rest[close] == "}" {
                if open > rest.startIndex { body(.literal(rest[..<open])) }
                body(.placeholder(String(name)))
                rest = rest[rest.index(after: close)...]
            } else {
                body(.literal(rest[...open]))
                rest = rest[afterOpen...]
            }
        }
        if !rest.isEmpty { body(.literal(rest)) }
    }
}
