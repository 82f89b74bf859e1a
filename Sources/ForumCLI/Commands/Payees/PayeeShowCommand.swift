import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum payee show`: a participant's payment details, for coordinators only. The identity
/// number is printed here only, to the coordinator who asked.
struct PayeeShowCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("show", abstract: l["client.cmd.payee_show"], arguments: [SharedArguments.participant(l), SharedArguments.json(l)])
    }

    /// The participant's id or id prefix.
    let participant: String
    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        participant = try arguments.required("participant", l)
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try context.requirePayeeRole()
        let participant = try RecordResolver(context: context).participant(self.participant)
        let payee = try context.write { replica throws(ClientError) in try replica.payee(participantID: participant.id) }
        if json {
            context.printJSON(payee.map(Self.json) ?? .null)
            return .success
        }
        guard let payee else {
            context.say(context.t("client.payee.none", ["id": RecordResolver.short(participant.id)]))
            return .success
        }
        var rows = [[context.t("client.payee.identity_number"), payee.identityNumber.canonical]]
        switch payee.payout {
        case .bank(let clearing, let account):
            rows.append([context.t("client.payee.payout"), context.t("client.payee.bank")])
            rows.append([context.t("client.payee.clearing"), clearing])
            rows.append([context.t("client.payee.account"), account])
        case .payroll:
            rows.append([context.t("client.payee.payout"), context.t("client.payee.payroll")])
        }
        let name = participant[Participant.Field.displayName]?.stringValue ?? ""
        context.say(context.t("client.payee.heading", ["id": RecordResolver.short(participant.id), "name": name]))
        context.terminal.out(TextTable.render(header: [context.t("client.payee.what"), context.t("client.payee.value")],
                                              rows: rows))
        return .success
    }

    static func json(_ payee: Payee) -> JSONValue {
        var clearingNumber = JSONValue.null, accountNumber = JSONValue.null
        if case .bank(let clearing, let account) = payee.payout {
            clearingNumber = .string(clearing)
            accountNumber = .string(account)
        }
        return ["participantId": .string(payee.participantID), "identityNumber": .string(payee.identityNumber.canonical),
                "payout": .string(payee.payout.kind.rawValue), "clearingNumber": clearingNumber, "accountNumber": accountNumber]
    }
}
