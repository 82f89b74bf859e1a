import Foundation

/// Where a profile's files live: the settings file and the local replica.
///
/// By default they follow the XDG base directories (settings under
/// `$XDG_CONFIG_HOME/forum-sync/config.json`, falling back to `~/.config`; the replica
/// under `$XDG_DATA_HOME/forum-sync/replica.sqlite`, falling back to `~/.local/share`).
/// `--data DIR` or the environment variable `FORUM_DATA` put both in one directory,
/// which is how tests and people with several enrolments keep profiles apart.
public struct ProfileLocation: Sendable, Equatable {
    /// The settings file (server, token, role): mode 0600.
    public let configPath: String
    /// The SQLite file of the local replica.
    public let replicaPath: String

    /// Creates a location from explicit paths.
    public init(configPath: String, replicaPath: String) {
        self.configPath = configPath
        self.replicaPath = replicaPath
    }

    /// Both files in `directory`.
    public init(directory: String) {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        configPath = url.appendingPathComponent("config.json").path
        replicaPath = url.appendingPathComponent("replica.sqlite").path
    }

    /// Resolves the location of an invocation.
    ///
    /// - Parameters:
    ///   - dataDirectory: the `--data` value, which wins.
    ///   - environment: the process environment (`FORUM_DATA`, `XDG_CONFIG_HOME`,
    ///     `XDG_DATA_HOME`, `HOME`).
    public static func resolve(dataDirectory: String?, environment: [String: String]) -> ProfileLocation {
        if let dataDirectory, !dataDirectory.isEmpty { return ProfileLocation(directory: dataDirectory) }
        if let data = environment["FORUM_DATA"], !data.isEmpty { return ProfileLocation(directory: data) }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func base(_ variable: String, _ fallback: String) -> URL {
            // XDG says relative values are invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value, isDirectory: true) }
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(fallback, isDirectory: true)
        }
        let config = base("XDG_CONFIG_HOME", ".config").appendingPathComponent("forum-sync/config.json")
        let data = base("XDG_DATA_HOME", ".local/share").appendingPathComponent("forum-sync/replica.sqlite")
        return ProfileLocation(configPath: config.path, replicaPath: data.path)
    }
}
