import ArgumentParsing
import Messages
import SyncServer

/// `forum-server backup`: a consistent copy of the database, taken while serving.
struct BackupCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("backup", abstract: l["server.backup.abstract"], discussion: l["server.backup.discussion"],
                    arguments: [.option("to", valueName: l["cli.value.file"], help: l["server.backup.to"])])
    }

    let target: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        guard let target = arguments.string("to") else { throw arguments.invalidValue("to", reason: l["server.backup.to"]) }
        self.target = target
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        try context.openDatabase().recordsOffice.backup(to: target)
        context.say(context.localizer["server.backup.done"])
        return .success
    }
}

/// `forum-server restore`: puts a backup in place as a new incarnation (PROTOCOL.md §14a).
struct RestoreCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("restore", abstract: l["server.restore.abstract"], discussion: l["server.restore.discussion"],
                    arguments: [.positional("from", valueName: l["cli.value.file"], help: l["server.restore.from"])])
    }

    let source: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        guard let source = arguments.string("from") else { throw arguments.invalidValue("from", reason: l["server.restore.from"]) }
        self.source = source
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let report = try RecordsOffice.restore(from: source, directory: context.dataDirectory, policy: ServerContext.policy())
        context.say(context.localizer["server.restore.done", ["incarnation": String(report.incarnation.prefix(8))]])
        if let kept = report.replacedKeptAt { context.say(context.localizer["server.restore.kept", ["file": kept]]) }
        return .success
    }
}

/// `forum-server participant erase`: erases a participant's personal data everywhere.
struct ParticipantEraseCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("erase", abstract: l["server.participant.erase.abstract"], discussion: l["server.participant.erase.discussion"],
                    arguments: [.positional("id", valueName: l["cli.value.id"], help: l["server.participant.erase.id"])])
    }

    let id: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { id = arguments.string("id") ?? "" }

    func run(_ context: ServerContext) throws -> ExitCode {
        let database = try context.openDatabase()
        let participant = try database.recordsOffice.recordID(in: "participant", matching: id)
        let report = try database.recordsOffice.eraseParticipant(id: participant)
        context.say(context.localizer["server.participant.erased", ["id": participant, "kept": String(report.keptHonoraria)]])
        if report.deletedPayee { context.say(context.localizer["server.participant.payee_deleted"]) }
        return .success
    }
}

/// `forum-server tombstones purge`: purges tombstones past the horizon now (PROTOCOL.md §14d).
struct TombstonesPurgeCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("purge", abstract: l["server.tombstones.purge.abstract"], discussion: l["server.tombstones.purge.discussion"],
                    arguments: [.option("horizon-days", valueName: l["cli.value.days"],
                                        help: l["server.tombstones.purge.horizon_days"])])
    }

    let horizonDays: Int?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        horizonDays = try arguments.int("horizon-days", in: 0...36_500)
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let report = try context.openDatabase().syncLedger.purgeTombstones(horizonDays: horizonDays)
        context.say(context.localizer["server.tombstones.purged", ["purged": String(report.purged), "waiting": String(report.waiting)]])
        return .success
    }
}

/// `forum-server audit`: the audit trail of admin actions and device exports.
struct AuditCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("audit", abstract: l["server.audit.abstract"], arguments: [ServerCommandTree.json(l)])
    }

    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { json = arguments.flag("json") }

    func run(_ context: ServerContext) throws -> ExitCode {
        let entries = try context.openDatabase().recordsOffice.auditTrail()
        context.say(json ? AdminText.auditJSON(entries) : AdminText.audit(entries, context.localizer))
        return .success
    }
}

/// `forum-server admin login-link`: a one-time link that signs the admin in to the dashboard.
struct LoginLinkCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("login-link", abstract: l["dashboard.cli.login_link.abstract"], discussion: l["dashboard.cli.login_link.discussion"])
    }

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {}

    func run(_ context: ServerContext) throws -> ExitCode {
        context.say(try context.openDatabase().deviceRegistry.createLoginLink().url)
        context.note(context.localizer["dashboard.cli.login_link.done"])
        return .success
    }
}
