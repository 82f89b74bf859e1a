import ArgumentParsing
import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum forum add`: a new forum, planned, in the given or the device's only municipality.
struct ForumAddCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("add", abstract: l["client.cmd.forum_add"],
                    arguments: ForumFields.specs(l) + [SharedArguments.municipality(l)])
    }

    let title: String
    let start: Date
    let fields: ForumFields
    let municipality: String?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        title = try arguments.required("title", l)
        fields = try ForumFields(arguments, l)
        guard let start = fields.start else { throw arguments.missing("start", l) }
        self.start = start
        municipality = arguments.string("municipality")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let forum = Forum(id: RecordID.random(), municipality: try context.municipality(municipality), title: title,
                          series: fields.series, kind: fields.kind ?? .deltagarforum, venue: fields.venue, start: start,
                          end: fields.end ?? start.addingTimeInterval(Forum.defaultDurationSeconds),
                          defaultHonorariumKronor: fields.amount ?? 0)
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Forum.collection, id: forum.id, values: forum.fields)
        }
        context.say(context.t("client.forum.added", ["id": RecordResolver.short(forum.id), "title": title]))
        return .success
    }
}
