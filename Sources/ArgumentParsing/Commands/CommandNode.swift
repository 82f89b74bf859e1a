import Messages

/// A program's command tree: commands (``Command`` types) and groups of them.
///
/// The tree gives both the parser's ``CommandSpec`` and the dispatch: the path the parser
/// returns is looked up here, so a command cannot be declared without being runnable, or run
/// under a name its help does not show.
public struct CommandNode<Context> {
    /// This node's spec without subcommands.
    let spec: (Localizer) -> CommandSpec
    /// What runs at this node, if anything.
    let command: (any Command<Context>.Type)?
    /// The nodes below, in help order.
    let children: [CommandNode<Context>]

    /// A leaf: one command.
    public static func command(_ type: any Command<Context>.Type) -> CommandNode {
        CommandNode(spec: { type.spec($0) }, command: type, children: [])
    }

    /// A group of commands.
    ///
    /// - Parameters:
    ///   - spec: The group's name, help and options (its own subcommands are ignored).
    ///   - runs: What runs when the group is named without a subcommand (e.g. `conflicts`
    ///     runs the list); `nil` makes a missing subcommand a usage error.
    ///   - children: The commands and groups below.
    public static func group(_ spec: @escaping (Localizer) -> CommandSpec, runs: (any Command<Context>.Type)? = nil,
                             _ children: [CommandNode]) -> CommandNode {
        CommandNode(spec: spec, command: runs, children: children)
    }

    /// The full spec tree, with help texts in `l`'s language.
    public func commandSpec(_ l: Localizer) -> CommandSpec {
        let own = spec(l)
        if children.isEmpty, command != nil { return own }
        return CommandSpec(own.name, abstract: own.abstract, discussion: own.discussion, arguments: own.arguments,
                           subcommands: children.map { $0.commandSpec(l) }, isRunnable: command != nil)
    }

    /// The command at `path` (names below this node), `nil` if nothing runs there.
    public func command(at path: [String], _ l: Localizer) -> (any Command<Context>.Type)? {
        guard let first = path.first else { return command }
        guard let child = children.first(where: { $0.spec(l).name == first }) else { return nil }
        return child.command(at: Array(path.dropFirst()), l)
    }

    /// Every path below this node at which a command runs, in help order; `[]` for this node.
    public func runnablePaths(_ l: Localizer) -> [[String]] {
        (command == nil ? [] : [[]]) + children.flatMap { child in
            let name = child.spec(l).name
            return child.runnablePaths(l).map { [name] + $0 }
        }
    }

    /// Parses a command line (without the program name) against the tree and reads the
    /// chosen command's arguments.
    ///
    /// - Returns: The command, ready to run, or help text to print.
    /// - Throws: `UsageError` for a line the spec or the command's initializer refuses.
    public func parse(_ arguments: [String], _ l: Localizer) throws(UsageError) -> Invocation<Context> {
        let parser = ArgumentParser(commandSpec(l), localizer: l)
        switch try parser.parse(arguments) {
        case .help(let text):
            return .help(text)
        case .run(let path, let parsed):
            guard let type = command(at: path, l) else {
                // The parser only returns runnable paths, and the spec is built from this tree.
                return .help(parser.formatter.help(for: [parser.root]))
            }
            return .run(try type.init(parsed, l), parsed)
        }
    }
}

/// What a command line asks a program to do.
public enum Invocation<Context> {
    /// Run this command; the parsed line is kept for the program's global options.
    case run(any Command<Context>, ParsedArguments)
    /// Print this help text and exit 0.
    case help(String)
}
