import Testing
import Messages
@testable import ArgumentParsing

@Suite struct ArgumentParserTests {
    let parser = ArgumentParser(SampleCommands.forum, localizer: Localizer(language: .en))

    func run(_ arguments: [String]) throws -> (path: [String], arguments: ParsedArguments) {
        guard case .run(let path, let parsed) = try parser.parse(arguments) else {
            Issue.record("expected .run for \(arguments)")
            throw UsageError(code: .unknownCommand, message: "", usage: "", command: "", localizer: parser.localizer)
        }
        return (path, parsed)
    }

    func code(_ arguments: [String]) -> UsageError.Code? {
        do {
            _ = try parser.parse(arguments)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func sampleSpecIsValid() {
        #expect(SampleCommands.forum.validate() == [])
    }

    @Test func parsesSubcommandPathOptionsAndPositionals() throws {
        let result = try run(["sync", "--dry-run", "--port", "8080", "./data"])
        #expect(result.path == ["sync"])
        #expect(result.arguments.flag("dry-run"))
        #expect(try result.arguments.int("port") == 8080)
        #expect(result.arguments.string("data-dir") == "./data")
        #expect(!result.arguments.flag("json"))
    }

    @Test func acceptsEqualsFormsAndShortForms() throws {
        let result = try run(["sync", "--port=9", "-m", "a=b", "--municipality=", "-p7", "dir"])
        #expect(result.arguments.strings("municipality") == ["a=b", ""])
        #expect(result.arguments.string("port") == "7")
    }

    @Test func collectsRepeatedOptionsAndKeepsTheLastOfOthers() throws {
        let result = try run(["sync", "-m", "Umeå", "dir", "--municipality", "Luleå", "--port", "1", "--port", "2"])
        #expect(result.arguments.strings("municipality") == ["Umeå", "Luleå"])
        #expect(result.arguments.string("port") == "2")
    }

    @Test func bundlesShortFlags() throws {
        let result = try run(["sync", "-nm", "Kiruna", "dir"])
        #expect(result.arguments.flag("dry-run"))
        #expect(result.arguments.strings("municipality") == ["Kiruna"])
    }

    @Test func doubleDashEndsOptions() throws {
        let result = try run(["sync", "--", "--dry-run"])
        #expect(result.arguments.string("data-dir") == "--dry-run")
        #expect(!result.arguments.flag("dry-run"))
    }

    @Test func acceptsNegativeNumbersAndLoneDashAsValues() throws {
        let result = try run(["sync", "--port", "-1", "-"])
        #expect(result.arguments.string("port") == "-1")
        #expect(result.arguments.string("data-dir") == "-")
    }

    @Test func globalOptionsWorkBeforeAndAfterTheSubcommand() throws {
        #expect(try run(["--lang", "sv", "sync", "d"]).arguments.string("lang") == "sv")
        #expect(try run(["sync", "d", "--lang=en"]).arguments.string("lang") == "en")
    }

    @Test func fillsOptionalAndVariadicPositionals() throws {
        #expect(try run(["export", "csv"]).arguments.strings("files") == [])
        #expect(try run(["export", "csv", "a", "b"]).arguments.strings("files") == ["a", "b"])
        #expect(try run(["tag", "x"]).arguments.string("note") == nil)
        #expect(try run(["tag", "x", "y"]).arguments.string("note") == "y")
    }

    @Test func helpAtAnyLevel() throws {
        for arguments in [["-h"], ["--help"], ["sync", "--help"], ["sync", "-h"], ["help", "sync"], ["help"],
                          ["sync", "--port", "1", "--help", "stray"]] {
            guard case .help(let text) = try parser.parse(arguments) else {
                Issue.record("no help for \(arguments)")
                continue
            }
            #expect(text.hasPrefix("OVERVIEW: "))
        }
        guard case .help(let text) = try parser.parse(["help", "sync"]) else { return }
        #expect(text.contains("USAGE: forum sync"))
    }

    @Test func reportsUnknownOptions() {
        #expect(code(["sync", "--frobnicate", "d"]) == .unknownOption)
        #expect(code(["sync", "-x", "d"]) == .unknownOption)
        #expect(code(["--dry-run", "sync"]) == .unknownOption) // Not global: belongs to sync only.
    }

    @Test func reportsMissingValues() {
        #expect(code(["sync", "d", "--port"]) == .missingValue)
        #expect(code(["sync", "--port", "--dry-run", "d"]) == .missingValue)
        #expect(code(["sync", "d", "-m"]) == .missingValue)
    }

    @Test func reportsMissingArgumentsAndSubcommands() {
        #expect(code(["sync"]) == .missingArgument)
        #expect(code(["export"]) == .missingArgument)
        #expect(code([]) == .missingArgument)
        #expect(code(["--lang", "sv"]) == .missingArgument)
    }

    @Test func reportsUnexpectedArguments() {
        #expect(code(["sync", "a", "b"]) == .unexpectedArgument)
        #expect(code(["tag", "a", "b", "c"]) == .unexpectedArgument)
    }

    @Test func reportsInvalidValues() throws {
        #expect(code(["sync", "--dry-run=yes", "d"]) == .invalidValue)
        let parsed = try run(["sync", "--port", "eighty", "d"]).arguments
        #expect(throws: UsageError.self) { try parsed.int("port") }
        let outOfRange = try run(["sync", "--port", "70000", "d"]).arguments
        do {
            _ = try outOfRange.int("port", in: 1...65535)
            Issue.record("accepted an out-of-range port")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.message == "invalid value for '--port': expected an integer from 1 to 65535")
        }
    }

    @Test func validatesChoices() throws {
        let parsed = try run(["--lang", "de", "sync", "d"]).arguments
        #expect(throws: UsageError.self) { try parsed.choice("lang", from: ["sv", "en"]) }
        #expect(try run(["--lang", "sv", "sync", "d"]).arguments.choice("lang", from: ["sv", "en"]) == "sv")
    }

    /// A choice among a type's values: the value comes back typed, and a wrong one is refused
    /// naming the values' raw forms, the same error as for the strings.
    @Test func validatesChoicesOfATypesValues() throws {
        enum Lang: String, CaseIterable { case sv, en }
        #expect(try run(["--lang", "en", "sync", "d"]).arguments.choice("lang", of: Lang.allCases) == .en)
        #expect(try run(["sync", "d"]).arguments.choice("lang", of: Lang.allCases) == nil)
        let wrong = try run(["--lang", "de", "sync", "d"]).arguments
        do {
            _ = try wrong.choice("lang", of: Lang.allCases)
            Issue.record("accepted a value that is none of the type's")
        } catch {
            #expect(error.code == .invalidValue)
            #expect(error.message.contains("sv, en"), "\(error.message)")
            #expect(throws: error) { try wrong.choice("lang", from: ["sv", "en"]) }
        }
        // Other names, without case, as for strings.
        let named = try run(["--lang", "SVENSKA", "sync", "d"]).arguments
        #expect(try named.choice("lang", of: Lang.allCases, names: ["svenska": "sv"]) == .sv)
    }

    @Test func reportsUnknownCommandsNamingTheValidOnes() {
        #expect(code(["synk"]) == .unknownCommand)
        #expect(code(["help", "nope"]) == .unknownCommand)
        do {
            _ = try parser.parse(["teleport"])
        } catch {
            #expect(error.message == "unknown command 'teleport'; valid ones: sync, export, tag")
        }
    }

    /// A name a few edits from a command (a transposition counts as one) suggests it.
    @Test(arguments: [("synk", "sync"), ("sycn", "sync"), ("SYNC", "sync"), ("exprot", "export"), ("tga", "tag")])
    func suggestsTheNearestCommand(_ typed: String, _ meant: String) {
        do {
            _ = try parser.parse([typed])
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unknownCommand)
            #expect(error.message == "unknown command '\(typed)'; did you mean '\(meant)'?")
        }
    }

    @Test func everyErrorCodeIsReachable() {
        let lines = [["sync", "--x", "d"], ["sync", "d", "--port"], ["sync"], ["sync", "a", "b"],
                     ["sync", "--dry-run=1", "d"], ["synk"]]
        #expect(Set(lines.compactMap(code)) == Set(UsageError.Code.allCases))
    }

    @Test func peeksAnOptionBeforeParsing() {
        #expect(ArgumentParser.peekOption("lang", in: ["sync", "--lang", "sv", "d"]) == "sv")
        #expect(ArgumentParser.peekOption("lang", in: ["--lang=en", "sync"]) == "en")
        #expect(ArgumentParser.peekOption("lang", in: ["--", "--lang", "sv"]) == nil)
        #expect(ArgumentParser.peekOption("lang", in: ["--lang"]) == nil)
    }
}
