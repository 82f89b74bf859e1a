import Messages

/// The mutable state of one `ArgumentParser.parse(_:)` call.
struct ParseState {
    let parser: ArgumentParser
    /// The commands selected so far, root first.
    var chain: [CommandSpec]
    var parsed: ParsedArguments
    var positionals: [String] = []

    init(parser: ArgumentParser) {
        self.parser = parser
        self.chain = [parser.root]
        self.parsed = ParsedArguments(context: UsageContext(localizer: parser.localizer, usage: "", command: ""))
        refreshContext()
    }

    var command: CommandSpec { chain[chain.count - 1] }
    var context: UsageContext { parsed.context }

    /// The options and flags usable here: the command's own and its ancestors' globals.
    var scope: [ArgumentSpec] {
        command.namedArguments + chain.dropLast().reversed().flatMap { $0.namedArguments.filter(\.isGlobal) }
    }

    mutating func refreshContext() {
        parsed.context = UsageContext(localizer: parser.localizer,
                                      usage: parser.formatter.usage(for: chain),
                                      command: chain.map(\.name).joined(separator: " "))
        for argument in command.arguments { parsed.displayNames[argument.name] = argument.displayName }
    }

    /// Handles a positional token; at a command with subcommands it selects one, or
    /// returns help for `help SUB...`.
    mutating func positional<I: IteratorProtocol>(_ token: String, rest: inout I) throws(UsageError) -> ParseResult?
    where I.Element == String {
        guard !command.subcommands.isEmpty else {
            positionals.append(token)
            return nil
        }
        if let subcommand = command.subcommand(named: token) {
            chain.append(subcommand)
            refreshContext()
            return nil
        }
        if token == "help" {
            var target = chain
            while let name = rest.next(), !ArgumentParser.looksLikeOption(name) {
                guard let subcommand = target[target.count - 1].subcommand(named: name) else {
                    throw unknownCommand(name, in: target[target.count - 1])
                }
                target.append(subcommand)
            }
            return .help(parser.formatter.help(for: target))
        }
        throw unknownCommand(token, in: command)
    }

    /// An unknown subcommand: "did you mean" the nearest one (`NearestCommand`), else the list.
    func unknownCommand(_ name: String, in command: CommandSpec) -> UsageError {
        let names = command.subcommands.map(\.name)
        if let suggestion = NearestCommand.nearest(to: name, in: names) {
            return context.error(.unknownCommand, "cli.error.unknown_command_suggestion",
                                 ["command": name, "suggestion": suggestion])
        }
        return context.error(.unknownCommand, "cli.error.unknown_command",
                             ["command": name, "commands": names.joined(separator: ", ")])
    }

    mutating func longOption<I: IteratorProtocol>(_ token: String, rest: inout I) throws(UsageError)
    where I.Element == String {
        let body = token.dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        let inlineValue = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
        guard let spec = scope.first(where: { $0.name == name }) else {
            // "did you mean" the nearest option of this command, as for commands.
            if let suggestion = NearestCommand.nearest(to: name, in: scope.filter { !$0.isPositional }.map(\.name)) {
                throw context.error(.unknownOption, "cli.error.unknown_option_suggestion",
                                    ["option": "--" + name, "suggestion": "--" + suggestion])
            }
            throw context.error(.unknownOption, "cli.error.unknown_option", ["option": "--" + name])
        }
        try apply(spec, spelled: "--" + name, inlineValue: inlineValue, rest: &rest)
    }

    mutating func shortOptions<I: IteratorProtocol>(_ token: String, rest: inout I) throws(UsageError)
    where I.Element == String {
        var letters = Substring(token.dropFirst())
        while let letter = letters.first {
            letters = letters.dropFirst()
            guard let spec = scope.first(where: { $0.short == letter }) else {
                throw context.error(.unknownOption, "cli.error.unknown_option", ["option": "-\(letter)"])
            }
            if case .flag = spec.kind {
                try apply(spec, spelled: "-\(letter)", inlineValue: nil, rest: &rest)
            } else {
                // `-pVALUE`: the rest of the cluster is the value.
                try apply(spec, spelled: "-\(letter)", inlineValue: letters.isEmpty ? nil : String(letters), rest: &rest)
                return
            }
        }
    }

    mutating func apply<I: IteratorProtocol>(_ spec: ArgumentSpec, spelled: String, inlineValue: String?,
                                             rest: inout I) throws(UsageError) where I.Element == String {
        parsed.displayNames[spec.name] = spec.displayName
        switch spec.kind {
        case .flag:
            guard inlineValue == nil else {
                throw context.error(.invalidValue, "cli.error.flag_with_value", ["option": spelled])
            }
            parsed.raise(spec.name)
        case .option(let repeatable):
            var value = inlineValue
            if value == nil {
                var lookahead = rest
                if let next = lookahead.next(), !ArgumentParser.looksLikeOption(next) {
                    value = next
                    rest = lookahead
                }
            }
            guard let value else {
                throw context.error(.missingValue, "cli.error.missing_value", ["option": spelled])
            }
            if repeatable { parsed.append(value, for: spec.name) } else { parsed.replace(value, for: spec.name) }
        case .positional:
            break // Not in `scope`; positionals never come through here.
        }
    }

    /// Assigns the collected positionals and returns the command to run.
    mutating func finish() throws(UsageError) -> ParseResult {
        if !command.subcommands.isEmpty, !command.isRunnable {
            throw context.error(.missingArgument, "cli.error.missing_subcommand",
                                ["commands": command.subcommands.map(\.name).joined(separator: ", ")])
        }
        var remaining = positionals[...]
        var capacity = 0
        for spec in command.positionals {
            guard case .positional(let arity) = spec.kind else { continue }
            if arity == .required || arity == .oneOrMore {
                guard let value = remaining.popFirst() else {
                    throw context.error(.missingArgument, "cli.error.missing_argument", ["argument": spec.displayName])
                }
                parsed.append(value, for: spec.name)
                capacity += 1
            }
            if arity == .optional, let value = remaining.popFirst() {
                parsed.append(value, for: spec.name)
                capacity += 1
            }
            if arity == .zeroOrMore || arity == .oneOrMore {
                while let value = remaining.popFirst() { parsed.append(value, for: spec.name) }
                capacity = Int.max
            }
        }
        guard remaining.isEmpty else {
            throw context.error(.unexpectedArgument, "cli.error.unexpected_argument", ["count": String(capacity)])
        }
        return .run(path: chain.dropFirst().map(\.name), parsed)
    }
}
