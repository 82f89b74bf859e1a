import AdminDashboard
import ArgumentParsing
import Foundation
import Messages
import SyncServer

/// What every `forum-server` command gets: the parsed line (for the global options), the
/// language, the streams and the environment.
public final class ServerContext {
    /// The parsed line; commands read their own options in their initializers, the context
    /// only the global ones (`--data`, `--public-url`).
    let arguments: ParsedArguments
    let localizer: Localizer
    let terminal: any Terminal
    let environment: [String: String]

    init(arguments: ParsedArguments, localizer: Localizer, terminal: any Terminal, environment: [String: String]) {
        self.arguments = arguments
        self.localizer = localizer
        self.terminal = terminal
        self.environment = environment
    }

    /// The data directory the command works on (`--data`, default `./forum-data`).
    var dataDirectory: String { arguments.string("data") ?? "./forum-data" }

    /// A line on standard output.
    func say(_ text: String) { terminal.out(text + "\n") }

    /// A line on standard error.
    func note(_ text: String) { terminal.err(text + "\n") }

    /// The domain rules the server enforces.
    static func policy() -> any SyncPolicy { ForumPolicy() }

    /// The configuration with the dashboard's public URL from `--public-url`, else the
    /// environment's `FORUM_PUBLIC_URL`, else the address a running `serve` on the same data
    /// directory noted (``ServingAddress``), else `http://127.0.0.1:<port>` (`port`: `serve`'s
    /// `--port`, 8080 for the other commands).
    func configuration(port: Int? = nil) -> SyncServerConfiguration {
        var configuration = SyncServerConfiguration()
        let url = arguments.string("public-url") ?? environment["FORUM_PUBLIC_URL"]
            ?? ServingAddress.read(dataDirectory: dataDirectory) ?? "http://127.0.0.1:\(port ?? 8080)"
        configuration.dashboard = DashboardConfiguration(publicURL: url)
        return configuration
    }

    /// The server's database in the data directory. Only `serve` and `device add` (the first
    /// steps of a new installation) create one; every other command refuses a directory that
    /// holds none, so a mistyped `--data` or a command run from the wrong directory does not
    /// leave an empty database behind and report nothing found.
    func openDatabase(creating: Bool = false) throws(SyncServerError) -> ServerStore {
        let file = (dataDirectory as NSString).appendingPathComponent(ServerStore.fileName)
        let existed = FileManager.default.fileExists(atPath: file)
        guard creating || existed else {
            throw SyncServerError(AdminErrorCode.noDatabase, "There is no server database in the data directory.",
                                  extra: ["directory": .string(dataDirectory)])
        }
        let database = try ServerStore(directory: dataDirectory, policy: Self.policy(), configuration: configuration())
        if !existed { note(localizer["server.database.created", ["directory": dataDirectory]]) }
        return database
    }

    /// The localized one-line text of a runtime error (falls back to the developer message).
    func describe(_ error: SyncServerError) -> String {
        let l = localizer
        // A refused resolution names the domain's reason, worded in the admin's language.
        if let reason = error.extra["reason"]?.stringValue {
            // The server's own parameters, built from a `[String: String]`: no two keys collide.
            let members = (error.extra["parameters"]?.objectValue ?? [:]).compactMap { key, value in
                value.stringValue.map { (key.string, $0) }
            }
            let parameters = Dictionary(members, uniquingKeysWith: { first, _ in first })
            let key = MessageKey("domain.error.\(reason)")
            let text = l[key, parameters]
            if text != key.rawValue { return l["server.error.invalid_value"] + ": " + text }
        }
        let key = MessageKey("server.error.\(error.code)")
        var text = l[key, ["detail": error.message]]
        if text == key.rawValue { text = error.message }
        let suggestions = error.extra["suggestions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if !suggestions.isEmpty { text += "; " + l["server.error.did_you_mean", ["names": suggestions.joined(separator: ", ")]] }
        return text
    }
}
