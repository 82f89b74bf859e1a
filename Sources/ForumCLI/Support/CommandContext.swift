import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// Everything a command needs: the language, the streams, the data directory, and (loaded
/// on first use) the profile and the local replica. A command reads its own options in its
/// initializer; the context keeps the parsed line for the global ones (`--data`) and for
/// usage errors only known once the profile or the records are read.
final class CommandContext {
    let arguments: ParsedArguments
    let localizer: Localizer
    let terminal: any Terminal
    let environment: [String: String]
    let location: ProfileLocation
    let configuration: ClientConfiguration
    private var loadedProfile: ClientProfile?
    private var openedReplica: LocalReplica?

    init(arguments: ParsedArguments, localizer: Localizer, terminal: any Terminal, environment: [String: String]) {
        self.arguments = arguments
        self.localizer = localizer
        self.terminal = terminal
        self.environment = environment
        self.location = ProfileLocation.resolve(dataDirectory: arguments.string("data"), environment: environment)
        self.configuration = ClientConfiguration.from(environment: environment)
    }

    var language: Language { localizer.language }

    /// `l["key", args]`: a catalogue text.
    func t(_ key: String, _ args: [String: String] = [:]) -> String { localizer[MessageKey(key), args] }

    /// A role's name in running text ("processledare"): the domain's one name of the role,
    /// in lower case; the code itself when unknown.
    func roleName(_ role: String) -> String {
        Role(rawValue: role).map { localizer[$0.messageKey].lowercased() } ?? role
    }

    /// An amount in whole kronor for people, in the invocation's language ("1 200 kr").
    func kronor(_ amount: Int64) -> String { KronorFormat.format(Int(clamping: amount), language: language) }

    /// Prints a line to standard output.
    func say(_ text: String) { terminal.out(text + "\n") }

    /// One indented line for a change the server refused: its kind, short id and reason,
    /// worded by `key` (`client.sync.refused_line`, `client.import.refused_line`).
    func refusedLine(_ write: RefusedWrite, key: String = "client.sync.refused_line") -> String {
        "  " + t(key, ["kind": t("client.collection.\(write.collection)"), "id": RecordResolver.short(write.id),
                       "reason": write.reason(language)])
    }

    /// Prints a JSON value (canonical) and a newline.
    func printJSON(_ value: JSONValue) { terminal.outBytes(JSONWriter.bytes(value) + [0x0A]) }

    /// The enrolled profile; warns once when its permissions had to be narrowed.
    func profile() throws -> ClientProfile {
        if let loadedProfile { return loadedProfile }
        do {
            let (profile, repaired) = try ClientProfile.load(from: location.configPath)
            if repaired { terminal.err(t("client.profile.permissions_repaired", ["path": location.configPath]) + "\n") }
            loadedProfile = profile
            return profile
        } catch {
            throw failure(error)
        }
    }

    /// The local replica of the enrolled profile.
    func replica() throws -> LocalReplica {
        if let openedReplica { return openedReplica }
        let profile = try profile()
        do {
            let replica = try LocalReplica(path: location.replicaPath, profile: profile)
            openedReplica = replica
            return replica
        } catch { throw failure(error) }
    }

    /// The actor of this device.
    func actor() throws -> Actor { try replica().actor }

    /// The municipality to use: `given` (`--municipality`), or the device's only one.
    ///
    /// - Throws: A usage error on `--municipality` when none was given and the device has several.
    func municipality(_ given: String?) throws -> String {
        if let given { return given }
        let list = try profile().municipalities
        guard list.count == 1, let only = list.first else {
            throw arguments.invalidValue("municipality", reason: t("client.reason.municipality_required"))
        }
        return only
    }

    /// Shows `date` in Stockholm time.
    func show(_ date: Date, style: StockholmTime.Style = .dateTime) -> String {
        StockholmTime.format(date, style: style, language: language)
    }

    /// The translated failure for a client error.
    func failure(_ error: ClientError) -> CommandFailure { Self.failure(error, localizer: localizer) }

    /// The translated failure for a client error, in the localizer's language: what a person
    /// reads when a command fails. A full disk and a read-only replica are told apart.
    static func failure(_ error: ClientError, localizer: Localizer) -> CommandFailure {
        CommandFailure(error.text(localizer.language), exitCode: error.code == .deviceRevoked ? .deviceRevoked : .failure)
    }

    /// Runs a local write, turning a refusal into a translated failure.
    @discardableResult
    func write<T>(_ body: (LocalReplica) throws(ClientError) -> T) throws -> T {
        let replica = try replica()
        do { return try body(replica) } catch { throw failure(error) }
    }
}

extension ClientConfiguration {
    /// The defaults, with test and field overrides from the environment:
    /// `FORUM_TIMEOUT_SECONDS` (the answer deadline), `FORUM_UNANSWERED_SECONDS` (the
    /// silence deadline), `FORUM_RETRY_ATTEMPTS`, `FORUM_RETRY_BASE_MS`,
    /// `FORUM_PUSH_BATCH_SIZE`, `FORUM_PULL_PAGE_SIZE`.
    static func from(environment: [String: String]) -> ClientConfiguration {
        var configuration = ClientConfiguration()
        func int(_ name: String) -> Int? { environment[name].flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } }
        if let seconds = int("FORUM_TIMEOUT_SECONDS"), seconds > 0 { configuration.requestTimeoutSeconds = Double(seconds) }
        if let seconds = int("FORUM_UNANSWERED_SECONDS"), seconds > 0 { configuration.unansweredDeadlineSeconds = Double(seconds) }
        if let attempts = int("FORUM_RETRY_ATTEMPTS"), attempts > 0 { configuration.retryAttempts = attempts }
        if let millis = int("FORUM_RETRY_BASE_MS") { configuration.retryBaseDelaySeconds = Double(millis) / 1000 }
        if let size = int("FORUM_PUSH_BATCH_SIZE"), size > 0 { configuration.pushBatchSize = size }
        if let size = int("FORUM_PULL_PAGE_SIZE"), size > 0 { configuration.pullPageSize = size }
        return configuration
    }
}
