import ArgumentParsing
import FieldClient
import ForumCLI
import ForumModel
import Foundation
import TestSupport

/// One laptop's data directory, driven through `ForumCLI.run` in process: the profile can
/// be rewritten with another role, so one replica plays facilitator and coordinator in turn.
struct CLIHarness {
    let directory: TemporaryDirectory

    init(prefix: String = "forum-cli") throws {
        directory = try TemporaryDirectory(prefix: prefix)
    }

    /// Enrols (or re-roles) the profile by writing it, as `forum enroll` would.
    func profile(role: String = "facilitator") throws {
        try ClientProfile(serverURL: "http://127.0.0.1:9", replica: RecordFixtures.replica("dev-test"),
                          token: String(repeating: "a", count: 64), role: role, municipalities: ["Södertälje"])
            .save(to: directory.path("config.json"))
    }

    /// Runs one command line; `lang` is the locale (`C` is English).
    @discardableResult
    func run(_ arguments: [String], lang: String = "C", terminal: BufferTerminal = BufferTerminal()) -> (Int32, BufferTerminal) {
        let environment = ["LANG": lang, "FORUM_RETRY_ATTEMPTS": "1"]
        let status = ForumCLI.run(arguments: ["--data", directory.url.path] + arguments, environment: environment,
                                  terminal: terminal)
        return (status, terminal)
    }

    /// The replica behind the profile.
    func replica() throws -> LocalReplica {
        try LocalReplica(path: directory.path("replica.sqlite"),
                         profile: try ClientProfile.load(from: directory.path("config.json")).profile)
    }

    /// Every id of `collection`, sorted.
    func ids(_ collection: String) throws -> [String] {
        try replica().store.ids(in: collection, withPrefix: "").sorted()
    }

    /// Adds a participant and returns their id.
    func participant(_ name: String) throws -> String {
        let before = Set(try ids(Participant.collection))
        run(["participant", "add", name])
        return try ids(Participant.collection).first { !before.contains($0) } ?? ""
    }

    /// Adds a forum (planned) and returns its id.
    func forum(title: String = "Deltagarforum 3", start: String = "2026-11-24 13:00") throws -> String {
        let before = Set(try ids(Forum.collection))
        run(["forum", "add", "--title", title, "--start", start, "--amount", "500"])
        return try ids(Forum.collection).first { !before.contains($0) } ?? ""
    }
}
