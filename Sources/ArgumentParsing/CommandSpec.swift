/// A command or subcommand of a CLI, declared as data: the parser, the usage line and
/// the help text are all derived from it.
///
/// ```swift
/// let sync = CommandSpec("sync", abstract: l["cli.sync.abstract"], arguments: [
///     .flag("dry-run", short: "n", help: l["cli.sync.dry_run"]),
///     .option("municipality", short: "m", valueName: l["cli.value.municipality"], repeatable: true,
///             help: l["cli.sync.municipality"]),
/// ])
/// let forum = CommandSpec("forum", abstract: l["cli.forum.abstract"], subcommands: [sync])
/// ```
public struct CommandSpec: Sendable, Equatable {
    /// The kebab-case name typed on the command line.
    public let name: String
    /// One translated sentence saying what the command does.
    public let abstract: String
    /// Translated paragraphs shown after the overview (exit codes, examples); line breaks
    /// are kept and long lines are wrapped.
    public let discussion: String
    /// Positionals, options and flags, in the order help should list them.
    public let arguments: [ArgumentSpec]
    /// The subcommands, in the order help should list them.
    public let subcommands: [CommandSpec]
    /// Whether the command runs without a subcommand. A command with subcommands that is
    /// not runnable reports a missing subcommand.
    public let isRunnable: Bool

    /// Creates a command.
    ///
    /// - Parameters:
    ///   - name: The kebab-case name.
    ///   - abstract: Translated one-line summary.
    ///   - discussion: Translated longer text; empty for none.
    ///   - arguments: Its arguments.
    ///   - subcommands: Its subcommands.
    ///   - isRunnable: Whether it runs without a subcommand; by default, when it has none.
    public init(_ name: String, abstract: String, discussion: String = "", arguments: [ArgumentSpec] = [],
                subcommands: [CommandSpec] = [], isRunnable: Bool? = nil) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.subcommands = subcommands
        self.isRunnable = isRunnable ?? subcommands.isEmpty
    }

    /// The subcommand called `name`, if any.
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    /// The positional arguments, in order.
    public var positionals: [ArgumentSpec] { arguments.filter(\.isPositional) }

    /// The options and flags declared on this command.
    public var namedArguments: [ArgumentSpec] { arguments.filter { !$0.isPositional } }
}
