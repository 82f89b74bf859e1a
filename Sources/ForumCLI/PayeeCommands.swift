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
        guard let typed = arguments.string("personnummer") else { throw ForumCommands.required(context, "personnummer") }
        guard let number = IdentityNumber(parsing: typed) else {
            throw arguments.invalidValue("personnummer", reason: context.t("client.reason.identity_number"))
        }
        let payout: Payee.Payout
        switch (arguments.flag("payroll"), arguments.string("clearing"), arguments.string("account")) {
        case (true, nil, nil):
            payout = .payroll
        case (true, _, _):
            throw CommandFailure(context.t("client.payee.payout_both"), exitCode: .usage)
        case (false, nil, nil):
            throw CommandFailure(context.t("client.payee.payout_missing"), exitCode: .usage)
        case (false, nil, _):
            throw ForumCommands.required(context, "clearing")
        case (false, _, nil):
            throw ForumCommands.required(context, "account")
        case (false, let clearing?, let account?):
            guard let clearing = Payee.clearingNumber(parsing: clearing) else {
                throw arguments.invalidValue("clearing", reason: context.t("client.reason.clearing_number"))
            }
            guard let account = Payee.accountNumber(parsing: account) else {
                throw arguments.invalidValue("account", reason: context.t("client.reason.account_number"))
            }
            payout = .bank(clearing: clearing, account: account)
        }
        let payee = Payee(participantID: participant.id, identityNumber: number, payout: payout)
        // Details deleted before (with a participant deleted and restored) are written anew:
        // a write to a deleted record would leave it deleted.
        try context.write { replica throws(ClientError) in
            try replica.change(collection: Payee.collection, id: payee.id) { state, writer, time in
                if state.isDeleted {
                    _ = try state.restore(payee.fields, by: writer, at: time)
                } else {
                    try state.write(payee.fields, by: writer, at: time)
                }
            }
        }
        context.say(context.t("client.payee.saved", ["id": RecordResolver.short(participant.id)]))
    }

    static func show(_ context: CommandContext) throws {
        try requireCoordinator(context)
        let participant = try RecordResolver(context: context).participant(context.arguments.string("participant") ?? "")
        let replica = try context.replica()
        let state = replica.lookup.live(collection: Payee.collection, id: Payee.id(participantID: participant.id))
        let payee: Payee?
        do { payee = try state.map { state throws(DomainError) in try Payee(state) } } catch {
            throw CommandFailure(context.t("client.error.refused",
                                           ["reason": error.message(DomainBridge.language(context.language))]))
        }
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
        let actor = try context.actor()
        guard let spec = ForumSchema.collection(Payee.collection), !spec.admits(actor.role) else { return }
        let error = DomainError(.collectionForbidden, ["collection": Payee.collection, "role": actor.role.rawValue])
        throw CommandFailure(context.t("client.error.refused", ["reason": error.message(DomainBridge.language(context.language))]))
    }
}
