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
        let language = Language.resolve(override: ArgumentParser.peekOption("lang", in: arguments), environment: environment)
        let l = Localizer(language: language)
        let command: any Command<ServerContext>
        let parsed: ParsedArguments
        do {
            switch try ServerCommandTree.root.parse(arguments, l) {
            case .help(let text):
                terminal.out(text + "\n")
                return ExitCode.success.rawValue
            case .run(let chosen, let values):
                command = chosen
                parsed = values
            }
        } catch {
            terminal.err(error.rendered + "\n")
            return ExitCode.usage.rawValue
        }
        let context = ServerContext(arguments: parsed, localizer: l, terminal: terminal, environment: environment)
        do {
            return try command.run(context).rawValue
        } catch let error as UsageError {
            terminal.err(error.rendered + "\n")
            return ExitCode.usage.rawValue
        } catch let error as SyncServerError {
            terminal.err(l["cli.error.line", ["message": context.describe(error)]] + "\n")
            return ExitCode.failure.rawValue
        } catch {
            terminal.err(l["cli.error.line", ["message": String(describing: error)]] + "\n")
            return ExitCode.failure.rawValue
        }
    }
}
