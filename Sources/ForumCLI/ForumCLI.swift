import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages

/// The `forum` command: parses the line, runs one command, returns the exit status.
public enum ForumCLI {
    /// Runs the process's command line and exits.
    public static func main() -> Never {
        let status = run(arguments: Array(CommandLine.arguments.dropFirst()),
                         environment: ProcessInfo.processInfo.environment, terminal: StandardTerminal())
        exit(status)
    }

    /// Runs one command line.
    /// - Parameters:
    ///   - arguments: the words after the program name.
    ///   - environment: `LANG`/`LC_ALL`, `FORUM_DATA`, XDG variables, test overrides.
    ///   - terminal: where output goes.
    /// - Returns: the exit status (0, 1, 2, 3 or 64; see `forum --help`).
    public static func run(arguments: [String], environment: [String: String], terminal: any Terminal) -> Int32 {
        ForumCommandTree.root.run(arguments: arguments, environment: environment, terminal: terminal,
                                  context: { CommandContext(arguments: $0, localizer: $1, terminal: terminal, environment: environment) },
                                  failure: { error, context in
            let failure = error as? CommandFailure ?? (error as? ClientError).map(context.failure)
            return failure.map { ($0.message, $0.exitCode) } ?? (context.t("client.error.storage_error"), .failure)
        })
    }
}
