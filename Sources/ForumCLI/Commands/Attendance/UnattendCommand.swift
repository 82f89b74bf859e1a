import ArgumentParsing
import ForumModel
import Messages

/// `forum unattend FORUM PARTICIPANT`: deletes an attendance record with its unpaid
/// honorarium, only with `--yes`.
struct UnattendCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("unattend", abstract: l["client.cmd.unattend"], discussion: l["client.help.delete_discussion"],
                    arguments: [SharedArguments.forum(l), SharedArguments.participant(l), SharedArguments.yesDelete(l)])
    }

    /// The forum's and the participant's ids or id prefixes.
    let forum: String
    let participant: String
    let confirmed: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        forum = try arguments.required("forum", l)
        participant = try arguments.required("participant", l)
        confirmed = arguments.flag("yes")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let resolver = RecordResolver(context: context)
        let forumID = try resolver.forum(forum).id
        let participantID = try resolver.participant(participant).id
        try ConfirmedDeletion(collection: Attendance.collection, id: Attendance.id(forumID: forumID, participantID: participantID),
                              confirmed: confirmed).run(context)
        return .success
    }
}
