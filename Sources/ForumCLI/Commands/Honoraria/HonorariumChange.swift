import ArgumentParsing
import FieldClient
import ForumModel
import SyncCore

/// A command that changes one honorarium (approve, decline, waive, pay, correct): it names
/// the honorarium and says which fields to write; resolving it, writing through the local
/// replica (which checks the change with the domain's rules, so a facilitator is refused
/// here with the same message the server would give) and the confirmation are shared.
protocol HonorariumChange: Command where Context == CommandContext {
    /// The honorarium's id or id prefix.
    var honorarium: String { get }

    /// The fields to write to `honorarium`, as it stands.
    ///
    /// - Throws: A usage error for a value this honorarium needs and the line lacks.
    func values(for honorarium: Honorarium, _ context: CommandContext) throws -> [String: JSONValue]
}

extension HonorariumChange {
    func run(_ context: CommandContext) throws -> ExitCode {
        let state = try RecordResolver(context: context).honorarium(honorarium)
        let current = try Honorarium(state)
        let changed = try values(for: current, context)
        let after = try context.write { replica throws(ClientError) in
            try replica.write(collection: Honorarium.collection, id: state.id, values: changed)
        }
        let shown = (try? Honorarium(after)) ?? current
        context.say(context.t("client.honorarium.changed", [
            "id": RecordResolver.short(state.id), "status": DomainBridge.status(shown.status, context.language),
            "amount": context.kronor(shown.amount)]))
        return .success
    }
}
