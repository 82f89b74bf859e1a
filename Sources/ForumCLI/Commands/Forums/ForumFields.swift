import ArgumentParsing
import ForumModel
import Foundation
import Messages

/// The options `forum forum add` and `forum forum edit` share, read once and typed: each is
/// `nil` when not given.
struct ForumFields {
    /// Their specs, in help order.
    static func specs(_ l: Localizer) -> [ArgumentSpec] {
        [
            .option("title", valueName: l["cli.value.title"], help: l["client.help.title"]),
            .option("start", valueName: l["cli.value.time"], help: l["client.help.start"]),
            .option("end", valueName: l["cli.value.time"], help: l["client.help.end"]),
            .option("kind", valueName: l["cli.value.kind"],
                    help: l["client.help.kind", ["kinds": ChoiceList.either(ForumKind.allCases, l)]]),
            .option("venue", valueName: l["cli.value.venue"], help: l["client.help.venue"]),
            .option("series", valueName: l["cli.value.series"], help: l["client.help.series"]),
            .option("amount", valueName: l["cli.value.kronor"], help: l["client.help.forum_amount"]),
        ]
    }

    let title: String?
    let start: Date?
    let end: Date?
    let kind: ForumKind?
    let venue: String?
    let series: String?
    /// The default honorarium in kronor.
    let amount: Int64?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        title = arguments.string("title")
        start = try arguments.date("start", l)
        end = try arguments.date("end", l)
        kind = try arguments.choice("kind", of: ForumKind.allCases, names: DomainBridge.names(ForumKind.allCases, \.messageKey))
        venue = arguments.string("venue")
        series = arguments.string("series")
        amount = try arguments.int("amount", in: 0...SharedArguments.maximumKronor).map(Int64.init)
    }
}
