import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum payee set`: a participant's payment details (personal identity number and payout),
/// for coordinators only; a facilitator is refused before anything else, the entry included.
///
/// Personal data: no message, error or log line repeats the identity number.
struct PayeeSetCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("set", abstract: l["client.cmd.payee_set"], arguments: [
            SharedArguments.participant(l),
            .option("personnummer", valueName: l["cli.value.identity_number"], help: l["client.help.personnummer"]),
            .option("clearing", valueName: l["cli.value.clearing"], help: l["client.help.clearing"]),
            .option("account", valueName: l["cli.value.account"], help: l["client.help.account"]),
            .flag("payroll", help: l["client.help.payroll"]),
        ])
    }

    /// The participant's id or id prefix.
    let participant: String
    /// The details as typed; checked (`PayeeEntry.payee`) once the role is known to allow them.
    let entry: PayeeEntry

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        participant = try arguments.required("participant", l)
        entry = PayeeEntry(identityNumber: arguments.string("personnummer"), payroll: arguments.flag("payroll"),
                           clearing: arguments.string("clearing"), account: arguments.string("account"))
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        try context.requirePayeeRole()
        let participant = try RecordResolver(context: context).participant(self.participant)
        let payee: Payee
        switch entry.payee(participantID: participant.id) {
        case .success(let checked): payee = checked
        case .failure(let problem): throw Self.failure(problem, context)
        }
        try context.write { replica throws(ClientError) in try replica.setPayee(payee) }
        context.say(context.t("client.payee.saved", ["id": RecordResolver.short(participant.id)]))
        return .success
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
}
