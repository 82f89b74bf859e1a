import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum participant edit`: writes only the fields given; consent is given or withdrawn.
struct ParticipantEditCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("edit", abstract: l["client.cmd.participant_edit"], arguments: [
            SharedArguments.participant(l), .option("name", valueName: l["cli.value.name"], help: l["client.help.name"]),
            .option("association", valueName: l["cli.value.association"], help: l["client.help.association"]),
            .option("contact", valueName: l["cli.value.contact"], help: l["client.help.contact"]),
            .option("anonymous", valueName: ParsedArguments.yesNoWords.map(\.word).joined(separator: "|"),
                    help: l["client.help.anonymous_choice"]),
            .flag("consent", help: l["client.help.consent"]),
            .flag("withdraw-consent", help: l["client.help.withdraw_consent"]),
        ])
    }

    /// The participant's id or id prefix.
    let participant: String
    let name: String?
    let association: String?
    let contact: String?
    let anonymous: Bool?
    let consent: Bool
    let withdrawConsent: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        participant = try arguments.required("participant", l)
        name = arguments.string("name")
        association = arguments.string("association")
        contact = arguments.string("contact")
        anonymous = try arguments.yesNo("anonymous")
        consent = arguments.flag("consent")
        withdrawConsent = arguments.flag("withdraw-consent")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let state = try RecordResolver(context: context).participant(participant)
        var values: [String: JSONValue] = [:]
        if let name { values[Participant.Field.displayName] = .string(name) }
        if let association { values[Participant.Field.association] = .string(association) }
        if let contact { values[Participant.Field.contact] = .string(contact) }
        if let anonymous { values[Participant.Field.anonymous] = .bool(anonymous) }
        if consent {
            values.merge(Participant.consentFields(given: true, day: StockholmTime.format(Date(), style: .date, language: context.language))) { $1 }
        }
        if withdrawConsent {
            // A usage error worded as one line (exit 64), as it always was.
            guard !consent else { throw CommandFailure(context.t("client.participant.consent_both"), exitCode: .usage) }
            values.merge(Participant.consentFields(given: false, day: "")) { $1 }
        }
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Participant.collection, id: state.id, values: values)
        }
        context.say(context.t("client.participant.updated", ["id": RecordResolver.short(state.id)]))
        if withdrawConsent {
            context.say(context.t("client.participant.consent_withdrawn", ["id": RecordResolver.short(state.id)]))
        }
        return .success
    }
}
