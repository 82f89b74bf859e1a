import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages

/// `forum export payments`: the Excel payment list. Coordinators only (it names anonymous
/// participants, since paying someone requires knowing who they are); ForumModel refuses
/// everyone else.
struct ExportPaymentsCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("payments", abstract: l["client.cmd.export_payments"], arguments: [SharedArguments.municipality(l)]
                    + SharedArguments.period(l) + [.option("out", valueName: l["cli.value.file"], help: l["client.help.out"])])
    }

    let municipality: String?
    let period: PeriodOptions
    /// The file to write (0600); standard output without it.
    let out: String?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        municipality = arguments.string("municipality")
        period = try PeriodOptions(arguments, l)
        out = arguments.string("out")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let replica = try context.replica()
        let municipality = try context.municipality(self.municipality)
        let language = context.language
        let list: PaymentList
        switch PaymentList.make(actor: replica.actor, municipality: municipality, period: period.period,
                                lookup: replica.lookup) {
        case .success(let made): list = made
        case .failure(let error): throw CommandFailure(context.t("client.error.refused", ["reason": error.message(language)]))
        }
        let bytes = list.csv(language)
        // The notice is no row of the CSV (a reader would take it for data, see
        // `PaymentList.csv`): it goes to standard error, seen by the person who runs this.
        context.terminal.err(TextTable.printable(list.title(language)) + "\n")
        // Rows without payment details are listed with those columns empty; the count (never
        // a name) tells the coordinator how many to complete with `forum payee set`.
        if list.missingPayees > 0 {
            context.terminal.err(context.t("client.payee.missing_notice", ["count": String(list.missingPayees)]) + "\n")
        }
        // The payment list names people: the server's audit trail hears of it at the next sync.
        try period.noteExport(.paymentListExport, context, scope: [municipality])
        guard let out else {
            context.terminal.outBytes(bytes)
            return .success
        }
        // Confidential: the file is private to the user, like the profile.
        guard FileManager.default.createFile(atPath: out, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(context.t("client.export.write_failed"))
        }
        context.say(context.t("client.export.payments_written", [
            "count": String(list.items.count), "total": context.kronor(list.total), "file": out]))
        return .success
    }
}
