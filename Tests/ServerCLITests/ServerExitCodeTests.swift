import Foundation
import Testing
import TestSupport

/// Every `forum-server` command exits 64 on a line it cannot take, 1 on a runtime error
/// (one line on standard error, in the admin's language) and 0 when it did what was asked;
/// run in process through `ServerCLI.run`.
@Suite struct ServerExitCodeTests {
    let runner = ServerCLIRunner()

    @Test(arguments: ServerCLIRunner.runnablePaths)
    func anUnknownOptionIsAUsageErrorThatNamesIt(path: [String]) {
        let outcome = runner.run(path + ["--no-such-option"])
        #expect(outcome.status == 64)
        #expect(outcome.err.contains("--no-such-option"))
        #expect(outcome.out.isEmpty)
    }

    /// Commands other than `serve`, `device add` and `restore` refuse a directory without a
    /// database, and leave it without one.
    @Test(arguments: ServerCLIRunner.runnablePaths.filter { ![["serve"], ["device", "add"], ["restore"]].contains($0) })
    func aDirectoryWithoutADatabaseIsRefusedAndLeftEmpty(path: [String]) throws {
        let directory = try TemporaryDirectory(prefix: "server-cli-empty")
        let outcome = runner.run(path + Self.requiredArguments(path) + ["--data", directory.url.path], lang: "sv_SE.UTF-8")
        #expect(outcome.status == 1, "\(path): \(outcome.err)")
        #expect(outcome.err.hasPrefix("Fel: det finns ingen serverdatabas i datakatalogen"))
        #expect(try directory.fileNames().isEmpty)
    }

    /// Values that let each command get past its own checks to the database.
    static func requiredArguments(_ path: [String]) -> [String] {
        switch path {
        case ["device", "revoke"], ["conflicts", "show"], ["participant", "erase"]: return ["abc123"]
        case ["conflicts", "resolve"]: return ["abc123", "--field", "title", "--keep", "v1"]
        case ["backup"]: return ["--to", "/nonexistent/backup.sqlite"]
        default: return []
        }
    }

    @Test func missingOrConflictingValuesAreUsageErrors() {
        #expect(runner.run(["backup"]).status == 64)
        #expect(runner.run(["restore"]).status == 64)
        #expect(runner.run(["device", "add", "--role", "coordinator"]).status == 64)
        #expect(runner.run(["device", "add", "--name", "Kim"]).status == 64)
        let both = runner.run(["conflicts", "resolve", "abc", "--field", "title", "--keep", "v1", "--value", "x"])
        #expect(both.status == 64)
        #expect(both.err.contains("--keep"))
        #expect(runner.run(["conflicts", "resolve", "abc", "--keep", "v1"]).status == 64)
        #expect(runner.run(["tombstones", "purge", "--horizon-days", "-1"]).status == 64)
        #expect(runner.run(["serve", "--port", "70000"]).status == 64)
        let grouping = runner.run(["serve", "--group-commit", "maybe"])
        #expect(grouping.status == 64)
        #expect(grouping.err.contains("on, off"))
        #expect(runner.run(["device"]).status == 64)
        #expect(runner.run(["devcie", "list"]).err.contains("device"))
    }

    /// A role the model does not know is a usage error found before the database is opened
    /// (it was exit 1 with an English line from the registry, after creating the database).
    @Test func anUnknownRoleIsAUsageErrorAndCreatesNothing() throws {
        let directory = try TemporaryDirectory(prefix: "server-cli-role")
        let data = directory.url.appendingPathComponent("data").path
        let added = runner.run(["device", "add", "--data", data, "--name", "Kim", "--role", "chef", "--municipality", "Södertälje"],
                               lang: "sv_SE.UTF-8")
        #expect(added.status == 64)
        #expect(added.err.contains("--role"), "\(added.err)")
        #expect(!FileManager.default.fileExists(atPath: data), "the data directory was created for a refused command")
    }

    @Test func aDeviceIsAddedListedAndRevokedInProcess() throws {
        let directory = try TemporaryDirectory(prefix: "server-cli-devices")
        let data = ["--data", directory.url.path]
        let added = runner.run(["device", "add", "--name", "Kims dator", "--role", "coordinator",
                                "--municipality", "Södertälje"] + data)
        #expect(added.status == 0)
        #expect(added.err.contains("A new server database was created"))
        let listed = runner.run(["device", "list", "--json"] + data)
        #expect(listed.status == 0)
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        let id = try #require(devices.first?["id"] as? String)
        #expect(devices.first?["state"] as? String == "pending")
        // A short id is enough.
        let revoked = runner.run(["device", "revoke", String(id.dropFirst(4).prefix(6))] + data, lang: "sv_SE.UTF-8")
        #expect(revoked.status == 0, "\(revoked.err)")
        #expect(revoked.out.contains(id))
        let table = runner.run(["device", "list"] + data)
        #expect(table.out.contains("revoked"))
        let conflicts = runner.run(["conflicts"] + data)
        #expect(conflicts.status == 0)
        let audit = runner.run(["audit", "--json"] + data)
        #expect(audit.status == 0)
        #expect(audit.out.contains("device"))
        let backup = runner.run(["backup", "--to", directory.path("copy.sqlite")] + data)
        #expect(backup.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.path("copy.sqlite")))
    }
}
