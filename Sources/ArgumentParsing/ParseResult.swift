/// What a command line asks for.
public enum ParseResult: Sendable {
    /// Run the command at `path` (subcommand names below the root; empty for the root
    /// itself) with these arguments.
    case run(path: [String], ParsedArguments)
    /// Print this help text to standard output and exit with `ExitCode.success`.
    case help(String)
}
