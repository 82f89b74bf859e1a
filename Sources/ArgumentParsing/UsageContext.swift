import Messages

/// What an error about one command needs: the language, the usage line and the command
/// as typed. Shared by the parser and `ParsedArguments` so both render errors alike.
struct UsageContext: Sendable {
    let localizer: Localizer
    let usage: String
    let command: String

    func error(_ code: UsageError.Code, _ key: MessageKey, _ args: [String: String] = [:]) -> UsageError {
        UsageError(code: code, message: localizer[key, args], usage: usage, command: command, localizer: localizer)
    }
}
