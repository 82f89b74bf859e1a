import ArgumentParsing
import FieldClient
import ForumModel
import Messages

/// `forum report attendance`: who attended the forums of a period, as text or CSV.
struct ReportAttendanceCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("attendance", abstract: l["client.cmd.report_attendance"], arguments: SharedArguments.period(l) + [
            SharedArguments.municipality(l), .flag("csv", help: l["client.help.csv"]),
        ])
    }

    let period: PeriodOptions
    /// One municipality; the device's own without it.
    let municipality: String?
    let csv: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        period = try PeriodOptions(arguments, l)
        municipality = arguments.string("municipality")
        csv = arguments.flag("csv")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let replica = try context.replica()
        let municipalities = municipality.map { Set([$0]) } ?? replica.actor.municipalities
        let report = AttendanceReport.make(period: period.period, municipalities: municipalities, lookup: replica.lookup)
        try period.noteExport(.attendanceReportExport, context, scope: municipalities.sorted())
        let language = context.language
        if csv {
            context.terminal.outBytes(report.csv(language))
        } else if report.rows.isEmpty {
            context.say(context.t("client.report.none"))
        } else {
            context.terminal.out(report.text(language))
        }
        return .success
    }
}
