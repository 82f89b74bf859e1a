import FieldClient
import ForumModel

/// A delete with what depends on it (`ForumModel.Deletion`), for `forum forum delete`,
/// `forum participant delete` and `forum unattend`. Without confirmation (`--yes`) nothing
/// is deleted: the command says what would go and exits 1.
struct ConfirmedDeletion {
    let collection: String
    let id: String
    let confirmed: Bool

    func run(_ context: CommandContext) throws {
        let plan = try context.write { replica throws(ClientError) in try replica.plannedDeletion(collection: collection, id: id) }
        // "the participant, 2 attendance records, 1 unpaid honoraria", in the context's language.
        let parts = plan.summary(of: collection, context.language)
        guard confirmed else {
            throw CommandFailure(context.t("client.delete.summary", ["parts": parts]) + "\n" + context.t("client.delete.confirm"))
        }
        try context.write { replica throws(ClientError) in try replica.delete(collection: collection, id: id) }
        context.say(context.t("client.delete.done", ["parts": parts]))
    }
}
