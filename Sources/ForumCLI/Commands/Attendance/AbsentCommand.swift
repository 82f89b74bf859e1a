import ArgumentParsing
import FieldClient
import ForumModel
import Messages

/// `forum absent FORUM PARTICIPANT`: marks a participant absent. Their honorarium is left as
/// it is, and the rules make it follow (`HonorariumApproval`): a proposal is no longer
/// approvable and is flagged for the coordinator, as is one already approved or paid; this
/// says which.
struct AbsentCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("absent", abstract: l["client.cmd.absent"], arguments: [SharedArguments.forum(l), SharedArguments.participant(l)])
    }

    /// The forum's and the participant's ids or id prefixes.
    let forum: String
    let participant: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        forum = try arguments.required("forum", l)
        participant = try arguments.required("participant", l)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let resolver = RecordResolver(context: context)
        let forumState = try resolver.forum(forum)
        let participantState = try resolver.participant(participant)
        let honorarium = try context.write { replica throws(ClientError) in
            try replica.markAbsent(forumID: forumState.id, participantID: participantState.id)
        }
        context.say(context.t("client.absent.done"))
        guard let honorarium else { return .success }
        switch honorarium.status {
        case .proposed:
            context.say(context.t("client.absent.proposed_flagged", ["amount": context.kronor(honorarium.amount)]))
        case .approved, .paid:
            context.say(context.t("client.absent.approved_flagged"))
        case .declined, .waived:
            break
        }
        return .success
    }
}
