import ArgumentParsing
import FieldClient
import Foundation
import Messages
import SyncCore

/// `forum import FILE`: another device's unsynced work (its `forum export replica --pending
/// --json`) re-applied as new writes of this device, to be sent at the next sync. How a
/// revoked device's work, or a lost laptop's, is handed over.
struct ImportCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("import", abstract: l["client.cmd.import"], discussion: l["client.help.import"], arguments: [
            .positional("file", valueName: l["cli.value.file"], help: l["client.help.import_file"]), SharedArguments.json(l),
        ])
    }

    /// The export file to read.
    let path: String
    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        path = try arguments.required("file", l)
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let states = try Self.read(path, context: context)
        let replica = try context.replica()
        let summary: HandoverSummary
        do { summary = try replica.reapply(states) } catch { throw context.failure(error) }
        if json {
            context.printJSON(["ok": true, "written": .integer(Int64(summary.written)), "unchanged": .integer(Int64(summary.unchanged)),
                               "refused": .array(summary.refused.map { ["collection": .string($0.collection), "id": .string($0.id),
                                                                         "code": .string($0.code)] })])
            return .success
        }
        context.say(context.t("client.import.done", [
            "written": String(summary.written), "unchanged": String(summary.unchanged), "refused": String(summary.refused.count)]))
        for refused in summary.refused {
            context.say(context.refusedLine(refused, key: "client.import.refused_line"))
        }
        if summary.written > 0 { context.say(context.t("client.import.sync_next")) }
        return .success
    }

    /// The record states of an export file. The file holds personal data: it is read, never
    /// echoed, and a file that is not such an export is refused as a whole.
    static func read(_ path: String, context: CommandContext) throws -> [RecordState] {
        let limit = context.configuration.importMaxBytes
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(context.t("client.import.unreadable", ["file": path]))
        }
        guard size <= limit, data.count <= limit else {
            throw CommandFailure(context.t("client.import.too_large", ["file": path, "limit": String(limit / (1024 * 1024))]))
        }
        guard let json = try? JSONParser().parse([UInt8](data)), let items = json.arrayValue else {
            throw CommandFailure(context.t("client.import.not_an_export", ["file": path]))
        }
        var states: [RecordState] = []
        states.reserveCapacity(items.count)
        for item in items {
            guard let state = try? RecordState(json: item) else {
                throw CommandFailure(context.t("client.import.not_an_export", ["file": path]))
            }
            states.append(state)
        }
        return states
    }
}
