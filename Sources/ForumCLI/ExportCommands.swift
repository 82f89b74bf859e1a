import FieldClient
import ForumModel
import Foundation
import Messages
import SyncProtocol

/// `forum export payments|replica` and `forum report attendance`.
enum ExportCommands {
    /// The Excel payment list. Coordinators only (it names anonymous participants, since
    /// paying someone requires knowing who they are); ForumModel refuses everyone else.
    static func payments(_ context: CommandContext) throws {
        let replica = try context.replica()
        let period = try period(context)
        let language = context.language
        let list: PaymentList
        switch PaymentList.make(actor: replica.actor, municipality: try context.municipality(), period: period,
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
        try note(.paymentListExport, context, replica, scope: [try context.municipality()])
        guard let out = context.arguments.string("out") else {
            context.terminal.outBytes(bytes)
            return
        }
        // Confidential: the file is private to the user, like the profile.
        guard FileManager.default.createFile(atPath: out, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(context.t("client.export.write_failed"))
        }
        context.say(context.t("client.export.payments_written", [
            "count": String(list.items.count), "total": context.kronor(list.total), "file": out]))
    }

    /// Every record's canonical JSON: what the end-to-end tests compare between replicas,
    /// and how a revoked device's unsynced changes (`--pending`) are handed over.
    static func replica(_ context: CommandContext) throws {
        let replica = try context.replica()
        do {
            let bytes = try replica.canonicalExport(pendingOnly: context.arguments.flag("pending"))
            try replica.noteExport(.replicaExport, subject: context.arguments.flag("pending") ? "pending" : "all")
            context.terminal.outBytes(bytes)
        } catch {
            throw context.failure(error)
        }
    }

    static func attendanceReport(_ context: CommandContext) throws {
        let replica = try context.replica()
        let municipalities = context.arguments.string("municipality").map { Set([$0]) } ?? replica.actor.municipalities
        let report = AttendanceReport.make(period: try period(context), municipalities: municipalities, lookup: replica.lookup)
        try note(.attendanceReportExport, context, replica, scope: municipalities.sorted())
        let language = context.language
        if context.arguments.flag("csv") {
            context.terminal.outBytes(report.csv(language))
        } else if report.rows.isEmpty {
            context.say(context.t("client.report.none"))
        } else {
            context.terminal.out(report.text(language))
        }
    }

    /// Notes an export for the audit trail: the municipalities and the period asked for,
    /// nothing of the people in it.
    static func note(_ action: DeviceAuditAction, _ context: CommandContext, _ replica: LocalReplica, scope: [String]) throws {
        let period = [context.arguments.string("from"), context.arguments.string("to")].compactMap { $0 }.joined(separator: "..")
        let subject = (scope + [period]).filter { !$0.isEmpty }.joined(separator: " ")
        do { try replica.noteExport(action, subject: String(subject.prefix(200))) } catch { throw context.failure(error) }
    }

    /// `--from` and `--to` as days in Stockholm; the period ends at the start of the day after `--to`.
    static func period(_ context: CommandContext) throws -> ReportPeriod {
        guard let from = try context.date("from") else { throw ForumCommands.required(context, "from") }
        guard let to = try context.date("to") else { throw ForumCommands.required(context, "to") }
        guard let period = ReportPeriod.days(from: from, to: to) else {
            throw context.arguments.invalidValue("to", reason: context.t("client.reason.to_before_from"))
        }
        return period
    }
}
