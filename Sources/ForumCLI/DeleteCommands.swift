import FieldClient
import ForumModel

/// `forum forum delete`, `forum participant delete` and `forum unattend`: a delete with
/// what depends on it (`ForumModel.Deletion`). Without `--yes` nothing is deleted: the
/// command says what would go and exits 1.
enum DeleteCommands {
    static func delete(_ context: CommandContext, _ collection: String, _ id: String) throws {
        let plan = try context.write { replica throws(ClientError) in try replica.plannedDeletion(collection: collection, id: id) }
        let parts = describe(plan, collection, context)
        guard context.arguments.flag("yes") else {
            throw CommandFailure(context.t("client.delete.summary", ["parts": parts]) + "\n" + context.t("client.delete.confirm"))
        }
        try context.write { replica throws(ClientError) in try replica.delete(collection: collection, id: id) }
        context.say(context.t("client.delete.done", ["parts": parts]))
    }

    static func unattend(_ context: CommandContext) throws {
        let resolver = RecordResolver(context: context)
        let forum = try resolver.forum(context.arguments.string("forum") ?? "")
        let participant = try resolver.participant(context.arguments.string("participant") ?? "")
        try delete(context, Attendance.collection, Attendance.id(forumID: forum.id, participantID: participant.id))
    }

    /// "the participant, 2 attendance records, 1 unpaid honoraria", in the context's language.
    static func describe(_ plan: Deletion, _ collection: String, _ context: CommandContext) -> String {
        plan.summary(of: collection, context.language)
    }
}
