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
        let language = Language.resolve(override: ArgumentParser.peekOption("lang", in: arguments), environment: environment)
        let localizer = Localizer(language: language)
        let command: any Command<CommandContext>
        let parsed: ParsedArguments
        do {
            switch try ForumCommandTree.root.parse(arguments, localizer) {
            case .help(let text):
                terminal.out(text)
                return ExitCode.success.rawValue
            case .run(let chosen, let values):
                command = chosen
                parsed = values
            }
        } catch {
            terminal.err(error.rendered + "\n")
            return ExitCode.usage.rawValue
        }
        let context = CommandContext(arguments: parsed, localizer: localizer, terminal: terminal, environment: environment)
        do {
            return try command.run(context).rawValue
        } catch let failure as CommandFailure {
            terminal.err(localizer["cli.error.line", ["message": failure.message]] + "\n")
            return failure.exitCode.rawValue
        } catch let error as UsageError {
            terminal.err(error.rendered + "\n")
            return ExitCode.usage.rawValue
        } catch let error as ClientError {
            terminal.err(localizer["cli.error.line", ["message": context.failure(error).message]] + "\n")
            return context.failure(error).exitCode.rawValue
        } catch {
            terminal.err(localizer["cli.error.line", ["message": context.t("client.error.storage_error")]] + "\n")
            return ExitCode.failure.rawValue
        }
    }
}
