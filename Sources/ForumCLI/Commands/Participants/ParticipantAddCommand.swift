import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum participant add NAME`: a participant in the given or the device's only municipality.
struct ParticipantAddCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("add", abstract: l["client.cmd.participant_add"], arguments: [
            .positional("name", valueName: l["cli.value.name"], help: l["client.help.name"]),
            .flag("anonymous", help: l["client.help.anonymous"]),
            .option("association", valueName: l["cli.value.association"], help: l["client.help.association"]),
            .option("contact", valueName: l["cli.value.contact"], help: l["client.help.contact"]),
            .flag("consent", help: l["client.help.consent"]),
            SharedArguments.municipality(l),
        ])
    }

    let name: String
    let anonymous: Bool
    let association: String?
    let contact: String?
    let consent: Bool
    let municipality: String?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        name = try arguments.required("name", l)
        anonymous = arguments.flag("anonymous")
        association = arguments.string("association")
        contact = arguments.string("contact")
        consent = arguments.flag("consent")
        municipality = arguments.string("municipality")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let participant = Participant(
            id: RecordID.random(), displayName: name, association: association, contact: contact,
            municipality: try context.municipality(municipality), anonymous: anonymous, consentGiven: consent,
            consentDate: consent ? StockholmTime.format(Date(), style: .date, language: context.language) : nil)
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Participant.collection, id: participant.id, values: participant.fields)
        }
        context.say(context.t(participant.anonymous ? "client.participant.added_anonymous" : "client.participant.added",
                              ["id": RecordResolver.short(participant.id)]))
        return .success
    }
}
