extension CommandSpec {
    /// Checks the declaration for mistakes the parser cannot resolve sensibly: bad names,
    /// clashes, an option or positional without a value name, misplaced optional or variadic
    /// positionals, positionals next to subcommands. Run it in a test of each CLI; the parser itself never traps on a bad
    /// spec, it just behaves as documented.
    ///
    /// - Returns: One English sentence per problem; empty when the spec is sound.
    public func validate() -> [String] {
        validate(path: name, inherited: [])
    }

    private func validate(path: String, inherited: [ArgumentSpec]) -> [String] {
        var problems: [String] = []
        if !Self.isKebabCase(name) { problems.append("\(path): command name is not kebab-case") }

        var longNames: Set<String> = ["help"]
        var shortNames: Set<Character> = ["h"]
        for argument in arguments {
            if !Self.isKebabCase(argument.name) {
                problems.append("\(path): '\(argument.name)' is not kebab-case")
            }
            if argument.kind != .flag, argument.valueName.allSatisfy(\.isWhitespace) {
                problems.append("\(path): '\(argument.name)' has no value name")
            }
            if argument.valueName.contains(where: { "<>\n".contains($0) }) {
                problems.append("\(path): the value name of '\(argument.name)' has '<', '>' or a line break")
            }
            if !argument.isPositional, !longNames.insert(argument.name).inserted {
                problems.append("\(path): '--\(argument.name)' is declared twice or reserved")
            }
            if let short = argument.short {
                if argument.isPositional { problems.append("\(path): positional '\(argument.name)' has a short name") }
                if !short.isASCII || !(short.isLetter || short.isNumber) {
                    problems.append("\(path): short name of '\(argument.name)' is not a letter or digit")
                }
                if !shortNames.insert(short).inserted {
                    problems.append("\(path): '-\(short)' is declared twice or reserved")
                }
            }
        }
        for global in inherited where arguments.contains(where: { $0.name == global.name || ($0.short != nil && $0.short == global.short) }) {
            problems.append("\(path): '--\(global.name)' clashes with an inherited global option")
        }

        let positionals = self.positionals
        if !positionals.isEmpty && !subcommands.isEmpty {
            problems.append("\(path): a command with subcommands cannot take positionals")
        }
        var seenOptional = false
        for (index, positional) in positionals.enumerated() {
            guard case .positional(let arity) = positional.kind else { continue }
            switch arity {
            case .required:
                if seenOptional { problems.append("\(path): required '\(positional.name)' follows an optional positional") }
            case .optional:
                seenOptional = true
            case .zeroOrMore, .oneOrMore:
                if index != positionals.count - 1 { problems.append("\(path): variadic '\(positional.name)' is not last") }
            }
        }

        var subcommandNames: Set<String> = []
        let scope = inherited + arguments.filter(\.isGlobal)
        for subcommand in subcommands {
            if !subcommandNames.insert(subcommand.name).inserted {
                problems.append("\(path): subcommand '\(subcommand.name)' is declared twice")
            }
            problems += subcommand.validate(path: path + " " + subcommand.name, inherited: scope)
        }
        return problems
    }

    /// Lowercase ASCII letters and digits in hyphen-separated words: `dry-run`, `v2`.
    static func isKebabCase(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter, name.last != "-", !name.contains("--") else {
            return false
        }
        return name.allSatisfy { $0 == "-" || ($0.isASCII && ($0.isLowercase || $0.isNumber)) }
    }
}
