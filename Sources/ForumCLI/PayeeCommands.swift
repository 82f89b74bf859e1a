import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum payee set|show`: a participant's payment details (personal identity number and
/// payout), for coordinators only. A facilitator's laptop never holds them (the server
/// never sends them there), and both commands refuse a facilitator before anything else.
///
/// Personal data: the identity number is printed only by `show`, to the coordinator who
/// asked; no message, error or log line repeats it.
enum PayeeCommands {
    static func set(_ context: CommandContext) throws {
        try requireCoordinator(context)
        let arguments = context.arguments
        let participant = try RecordResolver(context: context).participant(arguments.string("participant") ?? "")
        let entry = PayeeEntry(identityNumber: arguments.string("personnummer"), payroll: arguments.flag("payroll"),
                               clearing: arguments.string("clearing"), account: arguments.string("account"))
        let payee: Payee
        switch entry.payee(participantID: participant.id) {
        case .success(let checked): payee = checked
        case .failure(let problem): throw failure(problem, context)
        }
        try context.write { replica throws(ClientError) in try replica.setPayee(payee) }
        context.say(context.t("client.payee.saved", ["id": RecordResolver.short(participant.id)]))
    }

    /// A refused entry in the CLI's words: the option and the catalogue's reason, or what to
    /// give for the payout.
    static func failure(_ problem: PayeeEntry.Problem, _ context: CommandContext) -> Error {
        let option: String? = switch problem.field {
        case .identityNumber?: "personnummer"
        case .clearing?: "clearing"
        case .account?: "account"
        case nil: nil
        }
        guard let option, let reason = problem.reasonKey else {
            return CommandFailure(context.t(problem == .payoutBoth ? "client.payee.payout_both" : "client.payee.payout_missing"),
                                  exitCode: .usage)
        }
        return context.arguments.invalidValue(option, reason: context.t(reason))
    }

    static func show(_ context: CommandContext) throws {
        try requireCoordinator(context)
        let participant = try RecordResolver(context: context).participant(context.arguments.string("participant") ?? "")
        let payee = try context.write { replica throws(ClientError) in try replica.payee(participantID: participant.id) }
        if context.json {
            context.printJSON(payee.map(json) ?? .null)
            return
        }
        guard let payee else {
            context.say(context.t("client.payee.none", ["id": RecordResolver.short(participant.id)]))
            return
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

    /// Refuses everyone but coordinators, with the domain's reason (`collection_forbidden`).
    static func requireCoordinator(_ context: CommandContext) throws {
        try context.write { replica throws(ClientError) in try replica.requirePayeeRole() }
    }
}
