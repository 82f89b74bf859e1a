import ArgumentParsing
import FieldClient
import ForumModel
import Messages

/// `forum honorarium approve-all FORUM`.
struct HonorariumApproveAllCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("approve-all", abstract: l["client.cmd.honorarium_approve_all"], arguments: [SharedArguments.forum(l)])
    }

    /// The forum's id or id prefix.
    let forum: String

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { forum = try arguments.required("forum", l) }

    /// Approves every proposed honorarium of a forum that the rules allow, and says which
    /// it skipped and why (someone marked absent). A forum not held is refused as a whole,
    /// with the reason the rules give for each of its honoraria (`HonorariumApproval`).
    func run(_ context: CommandContext) throws -> ExitCode {
        let forumState = try RecordResolver(context: context).forum(forum)
        let outcome = try context.write { replica throws(ClientError) in try replica.approveAll(forumID: forumState.id) }
        let lookup = try context.replica().lookup
        let language = context.language
        let skipped = outcome.skipped.map { item -> (id: String, name: String, reason: String) in
            let person = lookup.state(collection: Participant.collection, id: item.participantID)
            let anonymous = person.flatMap { try? Participant($0) }?.anonymous == true
            let name = (person?[Participant.Field.displayName]?.stringValue ?? "")
                + (anonymous ? " " + context.t("client.honorarium.anonymous_mark") : "")
            let reason = item.reason.code == .absentAttendance ? context.t("client.honorarium.skip_absent") : item.reason.message(language)
            return (RecordResolver.short(item.honorariumID), name, reason)
        }
        context.say(context.t("client.honorarium.approved_all", ["count": String(outcome.approved)]))
        guard !skipped.isEmpty else { return .success }
        context.say(context.t("client.honorarium.skipped", ["count": String(skipped.count)]))
        for item in skipped.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }) {
            context.say("  " + context.t("client.honorarium.skipped_line", ["id": item.id, "name": item.name, "reason": item.reason]))
        }
        return .success
    }
}
