import Messages

/// One subcommand of a program, declared once: its spec, a typed initializer that reads and
/// validates its arguments, and what it does.
///
/// The spec and the reads sit in one type, so an option is named in one place; the program's
/// dispatch is built from the tree of these types (``CommandNode``), never by matching
/// strings a second time.
///
/// ```swift
/// struct BackupCommand: Command {
///     static func spec(_ l: Localizer) -> CommandSpec {
///         CommandSpec("backup", abstract: l["server.backup.abstract"],
///                     arguments: [.option("to", valueName: l["cli.value.file"], help: l["server.backup.to"])])
///     }
///     let target: String
///     init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
///         guard let target = arguments.string("to") else {
///             throw arguments.invalidValue("to", reason: l["server.backup.to"])
///         }
///         self.target = target
///     }
///     func run(_ context: ServerContext) throws -> ExitCode { … }
/// }
/// ```
public protocol Command<Context> {
    /// What the program hands every command: streams, language, configuration.
    associatedtype Context

    /// The command's name, help and arguments. Subcommands come from the tree, not from here.
    static func spec(_ l: Localizer) -> CommandSpec

    /// Reads and validates the parsed line.
    ///
    /// - Throws: `UsageError` (exit 64) for a missing or invalid value the parser cannot
    ///   judge by itself, e.g. one of two options required.
    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError)

    /// Runs the command.
    ///
    /// - Returns: The exit status.
    /// - Throws: The program's own errors, rendered by the program.
    func run(_ context: Context) throws -> ExitCode
}
