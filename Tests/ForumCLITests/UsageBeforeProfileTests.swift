import Foundation
import Testing
import TestSupport

/// A value a command needs, missing or malformed, is a usage error (64) found before the
/// command looks for the profile or a record: every command reads and checks its options
/// in its initializer (issue 18). Seen failing before: these options were read only after
/// the profile and the records, so on a laptop not yet enrolled the same lines exited 1
/// saying so, and on an enrolled one a mistyped id hid the mistyped option.
@Suite struct UsageBeforeProfileTests {
    @Test(arguments: [
        (["honorarium", "decline", "abc123"], "--reason"),
        (["honorarium", "correct", "abc123"], "--amount"),
        (["honorarium", "pay", "abc123", "--method", "kontant"], "--method"),
        (["honorarium", "pay", "abc123", "--date", "igår"], "--date"),
        (["attend", "abc123", "def456", "--role", "gäst"], "--role"),
        (["forum", "edit", "abc123", "--status", "cancelled"], "--status"),
        (["forum", "edit", "abc123", "--start", "imorgon"], "--start"),
        (["participant", "edit", "abc123", "--anonymous", "kanske"], "--anonymous"),
        (["export", "payments", "--from", "2030-01-01"], "--to"),
        (["report", "attendance", "--to", "2030-12-31"], "--from"),
        (["report", "attendance", "--from", "2030-12-31", "--to", "2030-01-01"], "--to"),
        (["app", "--port", "70000"], "--port"),
    ])
    func aValueTheCommandNeedsIsCheckedBeforeTheProfile(line: [String], option: String) throws {
        let directory = try TemporaryDirectory(prefix: "forum-cli-usage")
        let outcome = ForumCLIRunner().run(line + ["--data", directory.url.path])
        #expect(outcome.status == 64, "\(line): \(outcome.err)")
        #expect(outcome.err.hasPrefix("Error: invalid value for '\(option)'"), "\(line): \(outcome.err)")
        #expect(try directory.fileNames().isEmpty)
    }
}
