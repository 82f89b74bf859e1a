import ArgumentParsing
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum honorarium pay`: an approved honorarium is recorded as paid, on a day (today in
/// Stockholm by default), by a method (bank transfer by default), with a reference.
struct HonorariumPayCommand: HonorariumChange {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("pay", abstract: l["client.cmd.honorarium_pay"], arguments: [
            SharedArguments.honorarium(l), .option("date", valueName: l["cli.value.day"], help: l["client.help.paid_date"]),
            .option("reference", valueName: l["cli.value.reference"], help: l["client.help.reference"]),
            .option("method", valueName: l["cli.value.payment_method"],
                    help: l["client.help.method", ["methods": ChoiceList.either(PaymentMethod.allCases, l),
                                                   "default": defaultMethod.rawValue]]),
        ])
    }

    /// The method recorded when `--method` is not given.
    static let defaultMethod = PaymentMethod.bankTransfer

    let honorarium: String
    /// `--date` as `YYYY-MM-DD`; `nil` for today in Stockholm, when the command runs.
    let day: String?
    let method: PaymentMethod
    let reference: String?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        honorarium = try arguments.required("honorarium", l)
        if let text = arguments.string("date") {
            let day = text.trimmingCharacters(in: .whitespaces)
            guard RecordTime.isValidDay(day) else { throw arguments.invalidValue("date", reason: l["time.error.invalid_format"]) }
            self.day = day
        } else {
            day = nil
        }
        method = try arguments.choice("method", of: PaymentMethod.allCases) ?? Self.defaultMethod
        reference = arguments.string("reference")
    }

    func values(for honorarium: Honorarium, _ context: CommandContext) -> [String: JSONValue] {
        honorarium.paymentFields(paidDate: day ?? StockholmTime.format(Date(), style: .date, language: context.language),
                                 method: method, reference: reference)
    }
}
