import Testing
@testable import ArgumentParsing

@Suite struct CommandSpecValidationTests {
    @Test func flagsBadNamesClashesAndPositionalOrder() {
        let bad = CommandSpec("Bad_Name", abstract: "", arguments: [
            .flag("help", help: ""),
            .flag("x", short: "h", help: ""),
            .option("a", short: "a", help: ""),
            .option("b", short: "a", help: ""),
            .positional("rest", .zeroOrMore, help: ""),
            .positional("opt", .optional, help: ""),
            .positional("req", help: ""),
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
        let child = CommandSpec("child", abstract: "", arguments: [.option("lang", help: "")])
        let parent = CommandSpec("parent", abstract: "", arguments: [
            .positional("p", help: ""), .option("lang", global: true, help: ""),
        ], subcommands: [child, child])
        let problems = parent.validate()
        #expect(problems.contains { $0.contains("cannot take positionals") })
        #expect(problems.contains { $0.contains("'child' is declared twice") })
        #expect(problems.contains { $0.contains("clashes with an inherited global option") })
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
