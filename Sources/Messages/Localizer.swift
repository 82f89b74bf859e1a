/// A language bound to a catalogue: what a request or a command invocation uses to turn
/// message keys into text.
///
/// ```swift
/// let localizer = Localizer(language: .sv)
/// localizer["cli.error.see_help", ["command": "forum sync"]]  // "Se 'forum sync --help'."
/// ```
public struct Localizer: Sendable {
    /// The language texts are produced in.
    public let language: Language
    /// The catalogue texts come from.
    public let catalogue: Catalogue

    /// Creates a localizer.
    ///
    /// - Parameters:
    ///   - language: The language to speak.
    ///   - catalogue: The catalogue; the product's own by default.
    public init(language: Language, catalogue: Catalogue = .standard) {
        self.language = language
        self.catalogue = catalogue
    }

    /// The text of `key` with placeholders filled from `args`; the key itself when missing.
    public subscript(_ key: MessageKey, _ args: [String: String] = [:]) -> String {
        catalogue.text(key, language, args)
    }
}
