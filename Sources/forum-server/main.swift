import ArgumentParsing
import Dispatch
import Foundation
import Glibc
import Messages
import SyncCore
import SyncServer

// forum-server: parses the command line and calls SyncServer; every text comes from the catalogue.

let arguments = Array(CommandLine.arguments.dropFirst())
let language = Language.resolve(override: ArgumentParser.peekOption("lang", in: arguments),
                                environment: ProcessInfo.processInfo.environment)
let l = Localizer(language: language)
let parser = ArgumentParser(ServerCommands.root(l), localizer: l)

func printError(_ message: String) {
    FileHandle.standardError.write(Data((l["cli.error.line", ["message": message]] + "\n").utf8))
}

/// The localized one-line text of a runtime error (falls back to the developer message).
func describe(_ error: SyncServerError) -> String {
    // A refused resolution names the domain's reason, worded in the admin's language.
    if let reason = error.extra["reason"]?.stringValue {
        // The server's own parameters, built from a `[String: String]`: no two keys collide.
        let members = (error.extra["parameters"]?.objectValue ?? [:]).compactMap { key, value in value.stringValue.map { (key.string, $0) } }
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

func exit(_ code: ExitCode) -> Never { Glibc.exit(code.rawValue) }

func usageFailure(_ error: UsageError) -> Never {
    FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
    exit(.usage)
}

let command: [String]
let parsed: ParsedArguments
do {
    switch try parser.parse(arguments) {
    case .help(let text):
        print(text)
        exit(.success)
    case .run(let path, let values):
        command = path
        parsed = values
    }
} catch {
    usageFailure(error)
}

/// The server's database in the data directory. Only `serve` and `device add` (the first
/// steps of a new installation) create one; every other command refuses a directory that
/// holds none, so a mistyped `--data` or a command run from the wrong directory does not
/// leave an empty database behind and report nothing found.
func openDatabase(creating: Bool = false) throws(SyncServerError) -> ServerDatabase {
    let directory = ServerPolicy.dataDirectory(parsed)
    let file = (directory as NSString).appendingPathComponent(ServerDatabase.fileName)
    let existed = FileManager.default.fileExists(atPath: file)
    guard creating || existed else {
        throw SyncServerError(AdminErrorCode.noDatabase, "There is no server database in the data directory.",
                              extra: ["directory": .string(directory)])
    }
    let database = try ServerDatabase(directory: directory, policy: ServerPolicy.make(),
                                      configuration: ServerPolicy.configuration(parsed))
    if !existed {
        FileHandle.standardError.write(Data((l["server.database.created", ["directory": directory]] + "\n").utf8))
    }
    return database
}

/// Runs the command; `SyncServerError` ends it with one line on stderr and status 1.
func run() throws -> ExitCode {
    switch command {
    case ["serve"]:
        return try Serve.run(parsed, l)
    case ["device", "add"]:
        guard let name = parsed.string("name") else { throw UsageFailure(parsed.invalidValue("name", reason: l["server.device.add.name"])) }
        guard let role = parsed.string("role") else { throw UsageFailure(parsed.invalidValue("role", reason: l["server.device.add.role"])) }
        let added = try openDatabase(creating: true).addDevice(name: name, role: role, municipalities: parsed.strings("municipality"))
        print(l["server.device.add.done", ["id": added.device.id, "code": added.code,
                                            "expires": StockholmTime.format(Date(timeIntervalSince1970: Double(added.expires) / 1000),
                                                                            language: l.language)]])
    case ["admin", "login-link"]:
        print(try openDatabase().createLoginLink().url)
        FileHandle.standardError.write(Data((l["dashboard.cli.login_link.done"] + "\n").utf8))
    case ["device", "list"]:
        let devices = try openDatabase().devices()
        print(parsed.flag("json") ? AdminText.devicesJSON(devices) : AdminText.devices(devices, l))
    case ["device", "revoke"]:
        let database = try openDatabase()
        let id = try database.deviceID(matching: parsed.string("id") ?? "")
        let wipe = parsed.flag("wipe")
        try database.revokeDevice(id: id, wipe: wipe)
        print(l[wipe ? "server.device.revoke.done_wipe" : "server.device.revoke.done", ["id": id]])
    case ["conflicts"], ["conflicts", "list"]:
        let listings = try openDatabase().conflicts(language: l.language)
        print(parsed.flag("json") ? AdminText.conflictsJSON(listings) : AdminText.conflicts(listings, l))
    case ["conflicts", "show"]:
        let database = try openDatabase()
        let detail = try database.conflict(try database.conflictID(matching: parsed.string("id") ?? ""), language: l.language)
        print(parsed.flag("json") ? AdminText.conflictJSON(detail) : AdminText.conflict(detail, l))
    case ["conflicts", "resolve"]:
        guard let field = parsed.string("field") else {
            throw UsageFailure(parsed.invalidValue("field", reason: l["server.conflicts.field"]))
        }
        let resolution: ServerDatabase.Resolution
        switch (parsed.string("keep"), parsed.string("value")) {
        case (let keep?, nil): resolution = .keep(keep)
        case (nil, let text?):
            // Read as the field's declared type (an amount as kronor, a text as typed).
            resolution = .text(text)
        default:
            throw UsageFailure(parsed.invalidValue("keep", reason: l["server.conflicts.keep_or_value"]))
        }
        let database = try openDatabase()
        try database.resolve(try database.conflictID(matching: parsed.string("id") ?? ""), field: field, resolution)
        print(l["server.conflicts.resolved", ["field": field]])
    case ["backup"]:
        guard let target = parsed.string("to") else { throw UsageFailure(parsed.invalidValue("to", reason: l["server.backup.to"])) }
        try openDatabase().backup(to: target)
        print(l["server.backup.done"])
    case ["participant", "erase"]:
        let database = try openDatabase()
        let id = try database.recordID(in: "participant", matching: parsed.string("id") ?? "")
        let report = try database.eraseParticipant(id: id)
        print(l["server.participant.erased", ["id": id, "kept": String(report.keptHonoraria)]])
        if report.deletedPayee { print(l["server.participant.payee_deleted"]) }
    case ["tombstones", "purge"]:
        let report = try openDatabase().purgeTombstones(horizonDays: try parsed.int("horizon-days", in: 0...36_500))
        print(l["server.tombstones.purged", ["purged": String(report.purged), "waiting": String(report.waiting)]])
    case ["audit"]:
        let entries = try openDatabase().auditTrail()
        print(parsed.flag("json") ? AdminText.auditJSON(entries) : AdminText.audit(entries, l))
    case ["restore"]:
        guard let source = parsed.string("from") else {
            throw UsageFailure(parsed.invalidValue("from", reason: l["server.restore.from"]))
        }
        let report = try ServerDatabase.restore(from: source, directory: parsed.string("data") ?? "./forum-data",
                                                policy: ServerPolicy.make())
        print(l["server.restore.done", ["incarnation": String(report.incarnation.prefix(8))]])
        if let kept = report.replacedKeptAt { print(l["server.restore.kept", ["file": kept]]) }
    default:
        print(parser.formatter.help(for: [parser.root]))
    }
    return .success
}

do {
    exit(try run())
} catch let failure as UsageFailure {
    usageFailure(failure.error)
} catch let error as UsageError {
    usageFailure(error)
} catch let error as SyncServerError {
    printError(describe(error))
    exit(.failure)
} catch {
    printError(String(describing: error))
    exit(.failure)
}
