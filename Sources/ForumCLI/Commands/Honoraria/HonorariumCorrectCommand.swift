import ArgumentParsing
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum honorarium correct --amount`: a new amount; an approved honorarium's approved
/// amount follows, and one already paid or otherwise final needs `--reason`, kept with it.
struct HonorariumCorrectCommand: HonorariumChange {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("correct", abstract: l["client.cmd.honorarium_correct"], arguments: [
            SharedArguments.honorarium(l), .option("amount", valueName: l["cli.value.kronor"], help: l["client.help.amount"]),
            .option("reason", valueName: l["cli.value.reason"], help: l["client.help.correction_reason"]),
        ])
    }

    let honorarium: String
    /// The new amount in kronor.
    let amount: Int64
    /// Why, required once the honorarium is final (known only when it is read).
    let reason: String?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        honorarium = try arguments.required("honorarium", l)
        guard let amount = try arguments.int("amount", in: 0...SharedArguments.maximumKronor) else {
            throw arguments.missing("amount", l)
        }
        self.amount = Int64(amount)
        reason = arguments.string("reason")
    }

    func values(for honorarium: Honorarium, _ context: CommandContext) throws -> [String: JSONValue] {
        var changed: [String: JSONValue] = [Honorarium.Field.amount: .integer(amount)]
        if honorarium.status == .approved { changed[Honorarium.Field.approvedAmount] = .integer(amount) }
        if honorarium.status.isFinal {
            guard let reason else { throw context.arguments.missing("reason", context.localizer) }
            changed.merge(Honorarium.correctionFields(reason: reason, at: Date())) { $1 }
            if honorarium.status == .paid { changed[Honorarium.Field.paidAmount] = .integer(amount) }
        }
        return changed
    }
}
