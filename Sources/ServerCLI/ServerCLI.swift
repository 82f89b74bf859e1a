import ArgumentParsing
import Foundation
import Messages
import SyncServer

/// The `forum-server` command line as a library: parses a line, runs one command, returns
/// the exit status. The executable only calls ``main()``; tests call
/// ``run(arguments:environment:terminal:)`` in process.
public enum ServerCLI {
    /// Runs the process's command line and exits.
    public static func main() -> Never {
        exit(run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
                 terminal: StandardTerminal()))
    }

    /// Runs one command line.
    ///
    /// - Parameters:
    ///   - arguments: The words after the program name.
    ///   - environment: `LANG`/`LC_ALL` for the language, `FORUM_PUBLIC_URL`.
    ///   - terminal: Where output goes.
    /// - Returns: The exit status: 0, 1 (a runtime error, one line on standard error) or 64
    ///   (a usage error).
    public static func run(arguments: [String], environment: [String: String], terminal: any Terminal) -> Int32 {
        ServerCommandTree.root.run(arguments: arguments, environment: environment, terminal: terminal, helpEnding: "\n",
                                   context: { ServerContext(arguments: $0, localizer: $1, terminal: terminal, environment: environment) },
                                   failure: { error, context in
            if let error = error as? SyncServerError { return (context.describe(error), .failure) }
            return (String(describing: error), .failure)
        })
    }
}
