import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum participant list`: every participant by name.
struct ParticipantListCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("list", abstract: l["client.cmd.participant_list"], arguments: [SharedArguments.json(l)])
    }

    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { json = arguments.flag("json") }

    func run(_ context: CommandContext) throws -> ExitCode {
        try Self.list(context, matching: nil, json: json)
        return .success
    }

    /// The participants whose name matches `query` (all for `nil`), as a table or JSON.
    static func list(_ context: CommandContext, matching query: String?, json: Bool) throws {
        let replica = try context.replica()
        let people = replica.lookup.live(collection: Participant.collection).compactMap { try? Participant($0) }
            .filter { person in Participant.nameMatches(person.displayName, query) }
            .sorted { ($0.displayName.lowercased(), $0.id) < ($1.displayName.lowercased(), $1.id) }
        if json {
            context.printJSON(.array(people.map(Self.json)))
            return
        }
        guard !people.isEmpty else { context.say(context.t("client.participant.none")); return }
        let rows = people.map { person in
            [RecordResolver.short(person.id), person.erased ? context.t("client.participant.erased_name") : person.displayName,
             person.association ?? "", person.municipality,
             person.anonymous ? context.t("client.word.yes") : context.t("client.word.no"),
             person.consentGiven ? context.t("client.word.yes") : context.t("client.word.no")]
        }
        context.terminal.out(TextTable.render(
            header: ["client.col.id", "client.col.name", "client.col.association", "client.col.municipality",
                     "client.col.anonymous", "client.col.consent"].map { context.t($0) }, rows: rows))
    }

    static func json(_ person: Participant) -> JSONValue {
        let association: JSONValue = person.association.map { .string($0) } ?? .null
        return ["id": .string(person.id), "name": .string(person.displayName), "municipality": .string(person.municipality),
                "anonymous": .bool(person.anonymous), "association": association, "consent": .bool(person.consentGiven)]
    }
}
