import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum participant add|list|find|edit`.
enum ParticipantCommands {
    static func add(_ context: CommandContext) throws {
        let arguments = context.arguments
        guard let name = arguments.string("name") else { return }
        let consent = arguments.flag("consent")
        let participant = Participant(
            id: RecordID.random(), displayName: name, association: arguments.string("association"),
            contact: arguments.string("contact"), municipality: try context.municipality(),
            anonymous: arguments.flag("anonymous"), consentGiven: consent,
            consentDate: consent ? StockholmTime.format(Date(), style: .date, language: context.language) : nil)
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Participant.collection, id: participant.id, values: participant.fields)
        }
        context.say(context.t(participant.anonymous ? "client.participant.added_anonymous" : "client.participant.added",
                              ["id": RecordResolver.short(participant.id)]))
    }

    /// `list`, or `find NAME` (case-insensitive part of the name).
    static func list(_ context: CommandContext, matching query: String?) throws {
        let replica = try context.replica()
        let people = StoreLookup.all(replica, Participant.collection).compactMap { try? Participant($0) }
            .filter { person in matches(person.displayName, query) }
            .sorted { ($0.displayName.lowercased(), $0.id) < ($1.displayName.lowercased(), $1.id) }
        if context.json {
            context.printJSON(.array(people.map(json)))
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

    static func matches(_ name: String, _ query: String?) -> Bool { Participant.nameMatches(name, query) }

    static func json(_ person: Participant) -> JSONValue {
        let association: JSONValue = person.association.map { .string($0) } ?? .null
        return ["id": .string(person.id), "name": .string(person.displayName), "municipality": .string(person.municipality),
                "anonymous": .bool(person.anonymous), "association": association, "consent": .bool(person.consentGiven)]
    }

    static func edit(_ context: CommandContext) throws {
        let arguments = context.arguments
        let state = try RecordResolver(context: context).participant(arguments.string("participant") ?? "")
        var values: [String: JSONValue] = [:]
        if let name = arguments.string("name") { values[Participant.Field.displayName] = .string(name) }
        if let association = arguments.string("association") { values[Participant.Field.association] = .string(association) }
        if let contact = arguments.string("contact") { values[Participant.Field.contact] = .string(contact) }
        if let anonymous = try arguments.yesNo("anonymous") {
            values[Participant.Field.anonymous] = .bool(anonymous)
        }
        if arguments.flag("consent") {
            values.merge(Participant.consentFields(given: true, day: StockholmTime.format(Date(), style: .date, language: context.language))) { $1 }
        }
        let withdrawn = arguments.flag("withdraw-consent")
        if withdrawn {
            guard !arguments.flag("consent") else {
                throw CommandFailure(context.t("client.participant.consent_both"), exitCode: .usage)
            }
            values.merge(Participant.consentFields(given: false, day: "")) { $1 }
        }
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Participant.collection, id: state.id, values: values)
        }
        context.say(context.t("client.participant.updated", ["id": RecordResolver.short(state.id)]))
        if withdrawn {
            context.say(context.t("client.participant.consent_withdrawn", ["id": RecordResolver.short(state.id)]))
        }
    }
}
