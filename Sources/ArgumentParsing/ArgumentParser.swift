import Messages

/// Parses a command line against a `CommandSpec` tree.
///
/// Rules:
/// - Options and flags may come before, between or after positionals; `--` ends them,
///   and everything after it is positional.
/// - `--name VALUE`, `--name=VALUE`, `-n VALUE`, `-nVALUE`; flags bundle (`-vn`).
///   A value may not start with `-` unless it is a negative number or a lone `-`;
///   write `--name=-x` for such values.
/// - At a command with subcommands the first positional picks the subcommand; options
///   before it belong to the parent. `help SUB...` and `-h`/`--help` at any level give
///   help instead of running.
/// - A non-repeatable option given twice keeps the last value.
public struct ArgumentParser: Sendable {
    /// The root command (the program).
    public let root: CommandSpec
    /// The language of errors and help.
    public let localizer: Localizer
    /// Formats help and usage lines.
    public let formatter: HelpFormatter

    /// Creates a parser.
    ///
    /// - Parameters:
    ///   - root: The program's command tree.
    ///   - localizer: Language of the parser's own texts.
    ///   - width: Help text width in columns; 80 by default.
    public init(_ root: CommandSpec, localizer: Localizer, width: Int = 80) {
        self.root = root
        self.localizer = localizer
        self.formatter = HelpFormatter(localizer: localizer, width: width)
    }

    /// Parses `arguments` (without the program name, i.e. `CommandLine.arguments.dropFirst()`).
    ///
    /// - Returns: The command to run with its arguments, or help text to print.
    /// - Throws: `UsageError` for any line the spec does not accept.
    public func parse<C: Collection>(_ arguments: C) throws(UsageError) -> ParseResult where C.Element == String {
        var state = ParseState(parser: self)
        var tokens = arguments.makeIterator()
        var optionsEnded = false
        while let token = tokens.next() {
            if optionsEnded || !Self.looksLikeOption(token) {
                if case .help(let text)? = try state.positional(token, rest: &tokens) { return .help(text) }
                continue
            }
            if token == "--" {
                optionsEnded = true
            } else if token == "-h" || token == "--help" {
                return .help(formatter.help(for: state.chain))
            } else if token.hasPrefix("--") {
                try state.longOption(token, rest: &tokens)
            } else {
                try state.shortOptions(token, rest: &tokens)
            }
        }
        return try state.finish()
    }

    /// Finds the value of a long option before parsing, e.g. `--lang`, so that the
    /// parser's own errors can already be in the chosen language.
    ///
    /// - Parameters:
    ///   - name: The long name without `--`.
    ///   - arguments: The command line without the program name.
    /// - Returns: The last value given before `--`, or `nil`.
    public static func peekOption<C: Collection>(_ name: String, in arguments: C) -> String? where C.Element == String {
        var found: String? = nil
        var iterator = arguments.makeIterator()
        while let token = iterator.next(), token != "--" {
            if token == "--" + name {
                found = iterator.next()
            } else if token.hasPrefix("--" + name + "=") {
                found = String(token.dropFirst(name.count + 3))
            }
        }
        return found
    }

    /// Whether `token` is an option rather than a value: it starts with `-`, is not a
    /// lone `-` (stdin by convention) and is not a negative number.
    static func looksLikeOption(_ token: String) -> Bool {
        guard token.hasPrefix("-"), token != "-" else { return false }
        let rest = token.dropFirst()
        let isNumber = !rest.isEmpty && rest.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        return !isNumber
    }
}
