/// One argument a command accepts: a positional value, an option with a value, or a flag.
///
/// Names are kebab-case (`dry-run`, `municipality`) and are also the keys under which
/// `ParsedArguments` returns values; they are the interface and are never translated. Help
/// texts and value names (`<katalog>` in `--data <katalog>`) come from the caller, already
/// translated: the parser has no catalogue key for a placeholder, so it never derives one
/// from the option's name, which would show English in Swedish help.
public struct ArgumentSpec: Sendable, Equatable {
    /// How many values a positional argument takes.
    public enum Arity: Sendable, Equatable {
        /// Exactly one value.
        case required
        /// Zero or one value.
        case optional
        /// Any number of values, including none; only valid last.
        case zeroOrMore
        /// At least one value; only valid last.
        case oneOrMore
    }

    /// The three kinds of argument.
    public enum Kind: Sendable, Equatable {
        /// A value identified by its position.
        case positional(Arity)
        /// `--name VALUE` or `--name=VALUE`; when repeatable, every occurrence is kept.
        case option(repeatable: Bool)
        /// `--name` with no value.
        case flag
    }

    /// The kebab-case name: the long option without `--`, or the positional's key.
    public let name: String
    /// What kind of argument this is.
    public let kind: Kind
    /// The one-letter short form (`-n`), for options and flags.
    public let short: Character?
    /// The help text, already translated by the caller.
    public let help: String
    /// The placeholder shown for the value, already translated, e.g. `kommun` in
    /// `--municipality <kommun>`; empty for a flag. `CommandSpec.validate()` reports an
    /// option or positional without one.
    public let valueName: String
    /// Whether subcommands accept this option or flag too (like `--lang`).
    public let isGlobal: Bool

    /// Creates any kind of argument; the static factories read better at call sites.
    public init(name: String, kind: Kind, short: Character? = nil, help: String,
                valueName: String = "", isGlobal: Bool = false) {
        self.name = name
        self.kind = kind
        self.short = short
        self.help = help
        self.valueName = valueName
        self.isGlobal = isGlobal
    }

    /// A positional argument.
    ///
    /// - Parameters:
    ///   - name: The key for `ParsedArguments`.
    ///   - arity: How many values it takes; `.required` by default.
    ///   - valueName: Shown as `<valueName>` in help, usage and errors; translated.
    ///   - help: Translated help text.
    public static func positional(_ name: String, _ arity: Arity = .required,
                                  valueName: String, help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, kind: .positional(arity), help: help, valueName: valueName)
    }

    /// An option taking a value: `--name VALUE`, `--name=VALUE`, `-n VALUE`, `-nVALUE`.
    ///
    /// - Parameters:
    ///   - name: The long name without `--`.
    ///   - short: An optional one-letter form.
    ///   - valueName: Shown as `<valueName>` in help and usage; translated.
    ///   - repeatable: Whether every occurrence is collected (`strings(_:)`); otherwise
    ///     the last one given wins.
    ///   - global: Whether subcommands accept it too.
    ///   - help: Translated help text.
    public static func option(_ name: String, short: Character? = nil, valueName: String,
                              repeatable: Bool = false, global: Bool = false, help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, kind: .option(repeatable: repeatable), short: short, help: help,
                     valueName: valueName, isGlobal: global)
    }

    /// A flag: `--name` or `-n`, no value.
    ///
    /// - Parameters:
    ///   - name: The long name without `--`.
    ///   - short: An optional one-letter form.
    ///   - global: Whether subcommands accept it too.
    ///   - help: Translated help text.
    public static func flag(_ name: String, short: Character? = nil, global: Bool = false,
                            help: String) -> ArgumentSpec {
        ArgumentSpec(name: name, kind: .flag, short: short, help: help, isGlobal: global)
    }

    /// Whether this is a positional argument.
    public var isPositional: Bool {
        if case .positional = kind { return true }
        return false
    }

    /// How the argument is named in messages: `--name` or `<value-name>`.
    public var displayName: String {
        isPositional ? "<\(valueName)>" : "--\(name)"
    }
}
