import Messages

extension CommandNode {
    /// Runs one command line of a program whose commands are this tree: picks the language
    /// (`--lang`, else the locale), parses, prints help or a usage error (exit 64), builds
    /// the program's context and runs the chosen command. The steps every program shares
    /// live here once; what differs (the context, how the program's own errors read) is
    /// passed in.
    ///
    /// - Parameters:
    ///   - arguments: The words after the program name.
    ///   - environment: `LANG`/`LC_ALL` and whatever the program reads.
    ///   - terminal: Where output goes.
    ///   - helpEnding: Written after help text (a program whose help ends without a line
    ///     break passes `"\n"`).
    ///   - context: The program's context for the parsed line.
    ///   - failure: The line (without the "Error:" prefix) and exit status for an error a
    ///     command threw; usage errors are rendered here (64).
    /// - Returns: The exit status.
    public func run(arguments: [String], environment: [String: String], terminal: any Terminal, helpEnding: String = "",
                    context: (ParsedArguments, Localizer) -> Context,
                    failure: (any Error, Context) -> (message: String, status: ExitCode)) -> Int32 {
        let language = Language.resolve(override: ArgumentParser.peekOption("lang", in: arguments), environment: environment)
        let l = Localizer(language: language)
        let command: any Command<Context>
        let parsed: ParsedArguments
        do {
            switch try parse(arguments, l) {
            case .help(let text):
                terminal.out(text + helpEnding)
                return ExitCode.success.rawValue
            case .run(let chosen, let values):
                command = chosen
                parsed = values
            }
        } catch {
            terminal.err(error.rendered + "\n")
            return ExitCode.usage.rawValue
        }
        let built = context(parsed, l)
        do {
            return try command.run(built).rawValue
        } catch let error as UsageError {
            terminal.err(error.rendered + "\n")
            return ExitCode.usage.rawValue
        } catch {
            let (message, status) = failure(error, built)
            terminal.err(l["cli.error.line", ["message": message]] + "\n")
            return status.rawValue
        }
    }
}
