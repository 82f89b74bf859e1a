/// A language the product speaks. Swedish is the primary language; English is offered
/// to participants and staff who prefer it.
public enum Language: String, Sendable, CaseIterable, Hashable {
    /// Swedish.
    case sv
    /// English.
    case en

    /// Returns the language for a locale or language tag such as `sv`, `sv_SE.UTF-8`,
    /// `sv-FI`, `en`, `en_GB` or `C`: Swedish when the primary subtag is `sv` (any case),
    /// English otherwise.
    ///
    /// - Parameter tag: A POSIX locale name or BCP 47 language tag.
    public init(tag: String) {
        let primary = tag.prefix { $0 != "_" && $0 != "-" && $0 != "." && $0 != "@" }
        self = primary.lowercased() == "sv" ? .sv : .en
    }

    /// Resolves the language of a command-line invocation.
    ///
    /// An explicit `--lang` value wins. Otherwise the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` decides, as POSIX orders them; Swedish when it names a
    /// Swedish locale (`sv_SE.UTF-8`), English for anything else, including `C`.
    /// With none of them set the result is English, the neutral choice for scripts.
    ///
    /// - Parameters:
    ///   - override: The `--lang` value, or `nil` when none was given. Empty counts as none.
    ///   - environment: The process environment (`ProcessInfo.processInfo.environment`).
    public static func resolve(override: String?, environment: [String: String]) -> Language {
        if let override, !override.isEmpty {
            return Language(tag: override)
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[variable], !value.isEmpty {
                return Language(tag: value)
            }
        }
        return .en
    }
}
