import ArgumentParsing
import Messages
import SyncServer

/// `forum-server conflicts [list]`: open conflicts, newest first.
struct ConflictsListCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("list", abstract: l["server.conflicts.list.abstract"], arguments: [ServerCommandTree.json(l)])
    }

    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { json = arguments.flag("json") }

    func run(_ context: ServerContext) throws -> ExitCode {
        let listings = try context.openDatabase().conflictDesk.conflicts(language: context.localizer.language)
        context.say(json ? AdminText.conflictsJSON(listings) : AdminText.conflicts(listings, context.localizer))
        return .success
    }
}

/// `forum-server conflicts show`: one conflict, every field with its values and writers.
struct ConflictsShowCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("show", abstract: l["server.conflicts.show.abstract"], arguments: [
            .positional("id", valueName: l["cli.value.id"], help: l["server.conflicts.id"]), ServerCommandTree.json(l),
        ])
    }

    let id: String
    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        id = arguments.string("id") ?? ""
        json = arguments.flag("json")
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let database = try context.openDatabase()
        guard let detail = try database.conflictDesk.conflict(try database.conflictDesk.conflictID(matching: id), language: context.localizer.language) else {
            throw SyncServerError.notFound("record")
        }
        context.say(json ? AdminText.conflictJSON(detail) : AdminText.conflict(detail, context.localizer))
        return .success
    }
}

/// `forum-server conflicts resolve`: settles one field, keeping one of the values or
/// writing a new one.
struct ConflictsResolveCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("resolve", abstract: l["server.conflicts.resolve.abstract"], arguments: [
            .positional("id", valueName: l["cli.value.id"], help: l["server.conflicts.id"]),
            .option("field", valueName: l["cli.value.field"], help: l["server.conflicts.field"]),
            .option("keep", valueName: l["cli.value.value_id"], help: l["server.conflicts.keep"]),
            .option("value", valueName: l["cli.value.value"], help: l["server.conflicts.value"]),
        ])
    }

    let id: String
    let field: String
    let resolution: ConflictDesk.Resolution

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        id = arguments.string("id") ?? ""
        guard let field = arguments.string("field") else {
            throw arguments.invalidValue("field", reason: l["server.conflicts.field"])
        }
        self.field = field
        switch (arguments.string("keep"), arguments.string("value")) {
        case (let keep?, nil): resolution = .keep(keep)
        // Read as the field's declared type (an amount as kronor, a text as typed).
        case (nil, let text?): resolution = .text(text)
        default: throw arguments.invalidValue("keep", reason: l["server.conflicts.keep_or_value"])
        }
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let database = try context.openDatabase()
        try database.conflictDesk.resolve(try database.conflictDesk.conflictID(matching: id), field: field, resolution)
        context.say(context.localizer["server.conflicts.resolved", ["field": field]])
        return .success
    }
}
