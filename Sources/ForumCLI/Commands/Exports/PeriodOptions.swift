import ArgumentParsing
import FieldClient
import ForumModel
import Messages
import SyncProtocol

/// `--from` and `--to`, both required: days in Stockholm; the period ends at the start of
/// the day after `--to`.
struct PeriodOptions {
    let period: ReportPeriod
    /// The period as typed (`FROM..TO`), for the audit trail's note of an export.
    let typed: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        guard let from = try arguments.date("from", l) else { throw arguments.missing("from", l) }
        guard let to = try arguments.date("to", l) else { throw arguments.missing("to", l) }
        guard let period = ReportPeriod.days(from: from, to: to) else {
            throw arguments.invalidValue("to", reason: l["client.reason.to_before_from"])
        }
        self.period = period
        typed = [arguments.string("from"), arguments.string("to")].compactMap { $0 }.joined(separator: "..")
    }

    /// Notes an export for the audit trail: the municipalities and the period asked for,
    /// nothing of the people in it.
    func noteExport(_ action: DeviceAuditAction, _ context: CommandContext, scope: [String]) throws {
        let subject = (scope + [typed]).filter { !$0.isEmpty }.joined(separator: " ")
        let replica = try context.replica()
        do { try replica.noteExport(action, subject: String(subject.prefix(200))) } catch { throw context.failure(error) }
    }
}
