import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum conflicts`: the open conflicts of this laptop's replica.
struct ConflictsCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("conflicts", abstract: l["client.cmd.conflicts"], arguments: [SharedArguments.json(l)])
    }

    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { json = arguments.flag("json") }

    /// Open conflicts: every field in conflict with every value and who wrote it. The
    /// people on this laptop may read the records it holds (its participant register shows
    /// their names), so values are shown as stored, and an anonymous participant's record is
    /// marked as such; redacting them as for the admin merged the differing names into one
    /// pseudonym and showed an empty entry. Writers: this laptop, the administrator, or
    /// another device by its id.
    func run(_ context: CommandContext) throws -> ExitCode {
        let replica = try context.replica()
        let conflicts: [OpenConflict]
        do { conflicts = try replica.openConflicts() } catch { throw context.failure(error) }
        var items: [JSONValue] = []
        var lines: [String] = []
        for conflict in conflicts {
            lines.append(context.t("client.collection.\(conflict.collection)") + " " + RecordResolver.short(conflict.id)
                         + (conflict.anonymous ? " " + context.t("client.conflicts.anonymous_mark") : ""))
            var fields: [JSONValue] = []
            for field in conflict.fields {
                lines.append("  " + context.t("client.conflicts.field", ["field": field.field]))
                for value in field.values {
                    let when = context.show(Date(timeIntervalSince1970: Double(value.writtenMillis) / 1000))
                    let writer = value.writerRole == ConflictWriter.thisDevice.role ? context.t("client.conflicts.this_laptop")
                        : value.writerRole == ConflictWriter.server.role ? context.t("client.conflicts.administrator") : value.replica
                    lines.append("    " + TextTable.printable(value.value ?? "") + "  "
                                 + context.t("client.conflicts.by", ["replica": writer, "time": when]))
                }
                fields.append(["field": .string(field.field), "values": .array(field.values.map {
                    ["value": $0.shownValue ?? .null, "replica": .string($0.replica), "counter": .integer(Int64(clamping: $0.dot.counter)),
                     "time": .array([.integer($0.time.wallMillis), .integer(Int64($0.time.logical))])]
                })])
            }
            items.append(["collection": .string(conflict.collection), "id": .string(conflict.id), "anonymous": .bool(conflict.anonymous),
                          "fields": .array(fields)])
        }
        if json { context.printJSON(.array(items)); return .success }
        guard !lines.isEmpty else { context.say(context.t("client.conflicts.none")); return .success }
        context.say(lines.joined(separator: "\n"))
        context.say(context.t("client.conflicts.hint"))
        return .success
    }
}
