import Testing
@testable import ArgumentParsing

@Suite struct CommandSpecValidationTests {
    @Test func flagsBadNamesClashesAndPositionalOrder() {
        let bad = CommandSpec("Bad_Name", abstract: "", arguments: [
            .flag("help", help: ""),
            .flag("x", short: "h", help: ""),
            .option("a", short: "a", valueName: "a", help: ""),
            .option("b", short: "a", valueName: "b", help: ""),
            .positional("rest", .zeroOrMore, valueName: "rest", help: ""),
            .positional("opt", .optional, valueName: "opt", help: ""),
            .positional("req", valueName: "req", help: ""),
        ])
        let problems = bad.validate()
        #expect(problems.contains { $0.contains("not kebab-case") })
        #expect(problems.contains { $0.contains("'--help' is declared twice or reserved") })
        #expect(problems.contains { $0.contains("'-h' is declared twice or reserved") })
        #expect(problems.contains { $0.contains("'-a' is declared twice") })
        #expect(problems.contains { $0.contains("variadic 'rest' is not last") })
        #expect(problems.contains { $0.contains("required 'req' follows an optional") })
    }

    @Test func flagsPositionalsBesideSubcommandsAndDuplicateSubcommands() {
        let child = CommandSpec("child", abstract: "", arguments: [.option("lang", valueName: "sv|en", help: "")])
        let parent = CommandSpec("parent", abstract: "", arguments: [
            .positional("p", valueName: "p", help: ""), .option("lang", valueName: "sv|en", global: true, help: ""),
        ], subcommands: [child, child])
        let problems = parent.validate()
        #expect(problems.contains { $0.contains("cannot take positionals") })
        #expect(problems.contains { $0.contains("'child' is declared twice") })
        #expect(problems.contains { $0.contains("clashes with an inherited global option") })
    }

    /// The parser has no catalogue key for a placeholder, so it derives none from the
    /// option's name (that showed `<title>` in Swedish help): a value name must be given.
    @Test func flagsAValueTakingArgumentWithoutAValueName() {
        let spec = CommandSpec("add", abstract: "", arguments: [
            ArgumentSpec(name: "title", kind: .option(repeatable: false), help: ""),
            ArgumentSpec(name: "name", kind: .positional(.required), help: ""),
            .option("venue", valueName: " ", help: ""),
            .option("series", valueName: "<serie>", help: ""),
            .flag("yes", help: ""),
            .option("municipality", valueName: "kommun", help: ""),
        ])
        #expect(spec.validate() == [
            "add: 'title' has no value name",
            "add: 'name' has no value name",
            "add: 'venue' has no value name",
            "add: the value name of 'series' has '<', '>' or a line break",
        ])
    }

    @Test(arguments: ["dry-run", "v2", "a"])
    func acceptsKebabCase(_ name: String) {
        #expect(CommandSpec.isKebabCase(name))
    }

    @Test(arguments: ["", "-a", "a-", "a--b", "Dry", "dry_run", "2fa", "å"])
    func refusesOtherNames(_ name: String) {
        #expect(!CommandSpec.isKebabCase(name))
    }
}
