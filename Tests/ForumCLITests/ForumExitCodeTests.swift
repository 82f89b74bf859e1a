import Foundation
import Testing
import TestSupport

/// Every `forum` command exits 64 on a line it cannot take and, on a data directory with no
/// enrolled profile, 1 with the one line that says how to enrol, creating nothing there;
/// run in process through `ForumCLI.run`, over every command of the tree.
@Suite struct ForumExitCodeTests {
    let runner = ForumCLIRunner()

    @Test(arguments: ForumCommandPaths.runnable)
    func anUnknownOptionIsAUsageErrorThatNamesIt(path: [String]) {
        let outcome = runner.run(path + ["--no-such-option"])
        #expect(outcome.status == 64)
        #expect(outcome.err.contains("--no-such-option"))
        #expect(outcome.out.isEmpty)
    }

    /// A command whose required positionals are missing is refused before it looks for a
    /// profile: 64, and nothing is created in the data directory.
    @Test(arguments: ForumCommandPaths.runnable.filter { path in
        ForumCommandPaths.spec(at: path)?.positionals.contains { $0.kind == .positional(.required) } == true
    })
    func aMissingRequiredArgumentIsAUsageError(path: [String]) throws {
        let directory = try TemporaryDirectory(prefix: "forum-cli-missing")
        let outcome = runner.run(path + ["--data", directory.url.path])
        #expect(outcome.status == 64, "\(path): \(outcome.err)")
        #expect(outcome.err.contains("forum " + path.joined(separator: " ") + " --help"), "\(outcome.err)")
        #expect(try directory.fileNames().isEmpty)
    }

    /// Every command but `enroll` needs an enrolled profile: on an empty data directory it
    /// exits 1 saying how to enrol, and leaves the directory as it was.
    @Test(arguments: ForumCommandPaths.runnable.filter { $0 != ["enroll"] })
    func withoutAProfileEveryCommandSaysHowToEnrolAndCreatesNothing(path: [String]) throws {
        let directory = try TemporaryDirectory(prefix: "forum-cli-empty")
        let elsewhere = try TemporaryDirectory(prefix: "forum-cli-file")
        let outcome = runner.run(path + Self.requiredArguments(path, elsewhere) + ["--data", directory.url.path],
                                 lang: "sv_SE.UTF-8")
        #expect(outcome.status == 1, "\(path): \(outcome.err)")
        #expect(outcome.err == "Fel: datorn är inte registrerad; kör 'forum enroll ADRESS KOD' med koden från administratören\n",
                "\(path)")
        #expect(outcome.out.isEmpty)
        #expect(try directory.fileNames().isEmpty)
    }

    /// Values that let each command get past its own checks to the profile.
    static func requiredArguments(_ path: [String], _ directory: TemporaryDirectory) -> [String] {
        switch path {
        case ["forum", "add"]: return ["--title", "Brukarråd", "--start", "2030-01-10 13:00"]
        case ["participant", "add"], ["participant", "find"]: return ["Anna"]
        case ["payee", "set"]: return ["abc123", "--personnummer", "811218-9876", "--payroll"]
        case ["attend"], ["absent"], ["unattend"]: return ["abc123", "def456"]
        case ["honorarium", "decline"]: return ["abc123", "--reason", "Dubbelregistrerad"]
        case ["honorarium", "correct"]: return ["abc123", "--amount", "300", "--reason", "Fel belopp"]
        case ["export", "payments"], ["report", "attendance"]: return ["--from", "2030-01-01", "--to", "2030-12-31"]
        case ["import"]:
            let file = directory.path("export.json")
            FileManager.default.createFile(atPath: file, contents: Data("[]".utf8))
            return [file]
        case ["app"]: return ["--no-browser", "--port", "0"]
        default:
            let spec = ForumCommandPaths.spec(at: path)
            return spec?.positionals.filter { $0.kind == .positional(.required) }.map { _ in "abc123" } ?? []
        }
    }
}
