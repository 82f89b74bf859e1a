import Testing
import Messages
@testable import ArgumentParsing

@Suite struct UsageErrorTests {
    func error(_ language: Language, _ arguments: [String]) -> UsageError? {
        do {
            _ = try ArgumentParser(SampleCommands.forum, localizer: Localizer(language: language)).parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test func rendersThreeLinesInEnglish() throws {
        let rendered = try #require(error(.en, ["sync", "--frobnicate"])).rendered
        #expect(rendered == """
            Error: unknown option '--frobnicate'
            Usage: forum sync [<options>] <directory>
            See 'forum sync --help'.
            """)
    }

    @Test func rendersThreeLinesInSwedish() throws {
        let rendered = try #require(error(.sv, ["sync", "d", "--port"])).rendered
        #expect(rendered == """
            Fel: värde saknas för '--port'
            Användning: forum sync [<alternativ>] <directory>
            Se 'forum sync --help'.
            """)
    }

    @Test func missingSubcommandUsesTheRootUsage() throws {
        let failure = try #require(error(.en, []))
        #expect(failure.rendered == """
            Error: missing subcommand; valid ones: sync, export, tag
            Usage: forum [--lang <sv|en>] <subcommand>
            See 'forum --help'.
            """)
        #expect(failure.stableCode == "missing_argument")
    }

    @Test func neverRepeatsValuesOrPositionals() throws {
        let secret = "Anna Andersson"
        for arguments in [["sync", "d", secret], ["tag", "a", "b", secret], ["sync", "--dry-run=\(secret)", "d"]] {
            let failure = try #require(error(.en, arguments))
            #expect(!failure.rendered.contains(secret))
        }
    }

    @Test func stableCodesAreSnakeCase() {
        #expect(UsageError.Code.allCases.map(\.rawValue) == [
            "unknown_option", "missing_value", "missing_argument", "unexpected_argument", "invalid_value", "unknown_command",
        ])
    }

    @Test func usageExitCodeIsExUsage() {
        #expect(ExitCode.usage.rawValue == 64)
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
    }
}
