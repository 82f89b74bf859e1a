import Messages

/// Renders help text and usage lines for a command, in the localizer's language.
///
/// Layout (headings translated):
/// ```
/// OVERVIEW: <abstract>
///
/// <discussion>
///
/// USAGE: <usage>
///
/// ARGUMENTS:
///   <name>                  <help, wrapped at column 26>
///
/// OPTIONS:
///   -n, --name <value>      <help>
///   -h, --help              Show help information.
///
/// SUBCOMMANDS:
///   sync                    <abstract>
///
///   See 'forum help <subcommand>' for detailed help.
/// ```
public struct HelpFormatter: Sendable {
    /// Translates the fixed words.
    public let localizer: Localizer
    /// Maximum line width in columns.
    public let width: Int
    /// Indent of labels in the argument, option and subcommand columns.
    static let labelIndent = 2
    /// Column where help texts start.
    static let helpColumn = 26

    /// Creates a formatter.
    ///
    /// - Parameters:
    ///   - localizer: Translates the headings and fixed texts.
    ///   - width: Line width; at least 40 is used whatever is given.
    public init(localizer: Localizer, width: Int = 80) {
        self.localizer = localizer
        self.width = max(width, 40)
    }

    /// The help text of the last command in `path` (root first), ending in a newline.
    ///
    /// - Parameter path: The command and its ancestors; empty gives an empty string.
    public func help(for path: [CommandSpec]) -> String {
        guard let command = path.last else { return "" }
        var sections: [String] = []
        sections.append(Self.wrap(localizer["cli.help.overview"] + " " + command.abstract, width: width, indent: 0))
        if !command.discussion.isEmpty {
            sections.append(Self.wrap(command.discussion, width: width, indent: 0))
        }
        sections.append(localizer["cli.help.usage"] + " " + usage(for: path))

        let positionals = command.positionals
        if !positionals.isEmpty {
            sections.append(section("cli.help.arguments", positionals.map { ($0.displayName, $0.help) }))
        }
        let inherited = path.dropLast().flatMap { $0.namedArguments.filter(\.isGlobal) }
        var options = (command.namedArguments + inherited).map { (Self.optionLabel($0), $0.help) }
        options.append(("-h, --help", localizer["cli.help.help_option"]))
        sections.append(section("cli.help.options", options))

        if !command.subcommands.isEmpty {
            var text = section("cli.help.subcommands", command.subcommands.map { ($0.name, $0.abstract) })
            let hint = localizer["cli.help.subcommand_hint", ["command": path.map(\.name).joined(separator: " ")]]
            text += "\n\n" + Self.wrap(hint, width: width, indent: Self.labelIndent)
            sections.append(text)
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The usage line of the last command in `path`, e.g.
    /// `forum sync [--dry-run] [--municipality <municipality> ...] <path>`. When it
    /// would not fit the width after the `USAGE:` heading, the options collapse to
    /// `[<options>]`.
    ///
    /// - Parameter path: The command and its ancestors, root first.
    public func usage(for path: [CommandSpec]) -> String {
        guard let command = path.last else { return "" }
        let name = path.map(\.name).joined(separator: " ")
        let options = command.namedArguments.map(Self.usageToken)
        var tail = command.positionals.map(Self.usageToken)
        if !command.subcommands.isEmpty {
            let placeholder = localizer["cli.help.subcommand_placeholder"]
            tail.append(command.isRunnable ? "[\(placeholder)]" : placeholder)
        }
        let full = ([name] + options + tail).joined(separator: " ")
        let headingWidth = localizer["cli.help.usage"].count + 1
        guard headingWidth + full.count > width, !options.isEmpty else { return full }
        return ([name, localizer["cli.help.options_placeholder"]] + tail).joined(separator: " ")
    }

    static func usageToken(_ argument: ArgumentSpec) -> String {
        let value = "<\(argument.valueName)>"
        switch argument.kind {
        case .flag: return "[--\(argument.name)]"
        case .option(let repeatable): return "[--\(argument.name) \(value)\(repeatable ? " ..." : "")]"
        case .positional(.required): return value
        case .positional(.optional): return "[\(value)]"
        case .positional(.zeroOrMore): return "[\(value) ...]"
        case .positional(.oneOrMore): return "\(value) ..."
        }
    }

    static func optionLabel(_ argument: ArgumentSpec) -> String {
        let short = argument.short.map { "-\($0), " } ?? ""
        if case .flag = argument.kind { return "\(short)--\(argument.name)" }
        return "\(short)--\(argument.name) <\(argument.valueName)>"
    }

    /// A heading and its two-column rows. A label too wide for the first column goes on a
    /// line of its own, with its help below at the help column.
    func section(_ heading: MessageKey, _ rows: [(label: String, help: String)]) -> String {
        var lines = [localizer[heading]]
        let labelWidth = Self.helpColumn - Self.labelIndent - 2
        for row in rows {
            let label = String(repeating: " ", count: Self.labelIndent) + row.label
            let help = Self.wrap(row.help, width: width, indent: Self.helpColumn)
            if row.label.count <= labelWidth, !help.isEmpty {
                let padding = String(repeating: " ", count: Self.helpColumn - label.count)
                lines.append(label + padding + help.dropFirst(Self.helpColumn))
            } else {
                lines.append(label)
                if !help.isEmpty { lines.append(help) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
