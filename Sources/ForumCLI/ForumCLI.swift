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
        let parser = ArgumentParser(CommandTree.root(localizer), localizer: localizer)
        let path: [String]
        let parsed: ParsedArguments
        do {
            switch try parser.parse(arguments) {
            case .help(let text):
                terminal.out(text)
                return ExitCode.success.rawValue
            case .run(let commandPath, let values):
                path = commandPath
                parsed = values
            }
        } catch {
            terminal.err(error.rendered + "\n")
            return ExitCode.usage.rawValue
        }
        let context = CommandContext(arguments: parsed, localizer: localizer, terminal: terminal, environment: environment)
        do {
            try dispatch(path, context)
            return ExitCode.success.rawValue
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

    static func dispatch(_ path: [String], _ context: CommandContext) throws {
        switch path {
        case ["enroll"]: try EnrollCommand.run(context)
        case ["forum", "add"]: try ForumCommands.add(context)
        case ["forum", "list"]: try ForumCommands.list(context)
        case ["forum", "show"], ["show"]: try ShowCommand.run(context)
        case ["forum", "edit"]: try ForumCommands.edit(context)
        case ["forum", "cancel"]: try ForumCommands.cancel(context)
        case ["forum", "delete"]:
            try DeleteCommands.delete(context, Forum.collection, try RecordResolver(context: context)
                .forum(context.arguments.string("forum") ?? "").id)
        case ["participant", "delete"]:
            try DeleteCommands.delete(context, Participant.collection, try RecordResolver(context: context)
                .participant(context.arguments.string("participant") ?? "").id)
        case ["unattend"]: try DeleteCommands.unattend(context)
        case ["participant", "add"]: try ParticipantCommands.add(context)
        case ["participant", "list"]: try ParticipantCommands.list(context, matching: nil)
        case ["participant", "find"]: try ParticipantCommands.list(context, matching: context.arguments.string("name"))
        case ["participant", "edit"]: try ParticipantCommands.edit(context)
        case ["payee", "set"]: try PayeeCommands.set(context)
        case ["payee", "show"]: try PayeeCommands.show(context)
        case ["attend"]: try AttendanceCommands.attend(context)
        case ["absent"]: try AttendanceCommands.absent(context)
        case ["honorarium", "list"]: try HonorariumCommands.list(context)
        case ["honorarium", "approve-all"]: try HonorariumCommands.approveAll(context)
        case ["honorarium", "approve"], ["honorarium", "decline"], ["honorarium", "waive"], ["honorarium", "pay"],
             ["honorarium", "correct"]:
            try HonorariumCommands.change(context, action: path[1])
        case ["export", "payments"]: try ExportCommands.payments(context)
        case ["export", "replica"]: try ExportCommands.replica(context)
        case ["report", "attendance"]: try ExportCommands.attendanceReport(context)
        case ["import"]: try ImportCommand.run(context)
        case ["sync"]: try SyncCommand.run(context)
        case ["status"]: try StatusCommands.status(context)
        case ["conflicts"]: try StatusCommands.conflicts(context)
        case ["app"]: try AppCommand.run(context)
        default: throw CommandFailure(context.t("client.error.storage_error"))
        }
    }
}
