import Messages

/// A command line the parser could not accept. The CLI prints `rendered` to standard
/// error and exits with `ExitCode.usage`.
///
/// Messages name options and commands but never repeat option values or positional
/// arguments, which may be personal data (names, e-mail addresses).
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable kinds of usage error.
    public enum Code: String, Sendable, CaseIterable {
        /// An option or flag the command does not declare.
        case unknownOption = "unknown_option"
        /// An option at the end of the line, or followed by another option.
        case missingValue = "missing_value"
        /// A required positional (or a required subcommand) is missing.
        case missingArgument = "missing_argument"
        /// More positionals than the command takes.
        case unexpectedArgument = "unexpected_argument"
        /// A value of the wrong form, or a value given to a flag.
        case invalidValue = "invalid_value"
        /// A subcommand name that does not exist.
        case unknownCommand = "unknown_command"
    }

    /// What went wrong.
    public let code: Code
    /// The translated message, without the `Error:` prefix.
    public let message: String
    /// The usage line of the command concerned, without the `Usage:` prefix.
    public let usage: String
    /// The command as typed up to the failure, e.g. `forum sync`.
    public let command: String
    /// The complete three-line text for standard error (no trailing newline):
    /// `Error: <message>`, `Usage: <usage>`, `See '<command> --help'.`
    public let rendered: String

    /// The stable string code, e.g. `unknown_option`.
    public var stableCode: String { code.rawValue }

    public var description: String { rendered }

    /// Creates an error and renders it in the localizer's language.
    ///
    /// - Parameters:
    ///   - code: The kind of error.
    ///   - message: The translated message.
    ///   - usage: The command's usage line.
    ///   - command: The full command, e.g. `forum sync`.
    ///   - localizer: Supplies the translated `Error:`, `Usage:` and `See` lines.
    public init(code: Code, message: String, usage: String, command: String, localizer: Localizer) {
        self.code = code
        self.message = message
        self.usage = usage
        self.command = command
        self.rendered = [
            localizer["cli.error.line", ["message": message]],
            localizer["cli.error.usage_line", ["usage": usage]],
            localizer["cli.error.see_help", ["command": command]],
        ].joined(separator: "\n")
    }
}
