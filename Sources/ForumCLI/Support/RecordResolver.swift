import FieldClient
import ForumModel
import SyncCore

/// Finds a record from a short id prefix, the way git finds commits.
///
/// One match is used. Several: on a terminal the user picks one from a numbered list;
/// otherwise the command fails listing the candidates (ids and labels), so a script
/// gets a clear error instead of a guess.
struct RecordResolver {
    /// How many candidates are shown for an ambiguous prefix.
    static let maximumCandidates = 9
    /// How many characters of an id are shown.
    static let shortLength = 8

    let context: CommandContext

    /// The record of `collection` whose id starts with `prefix` (deleted ones excluded).
    func resolve(_ collection: String, _ prefix: String, label: (RecordState) -> String) throws -> RecordState {
        let replica = try context.replica()
        let candidates: [RecordState]
        do {
            let ids = try replica.store.ids(in: collection, withPrefix: prefix, limit: Self.maximumCandidates + 1)
            candidates = try ids.compactMap { try replica.state(collection: collection, id: $0) }.filter { !$0.isDeleted }
        } catch let error as ClientError { throw context.failure(error) } catch {
            throw context.failure(ClientError.storageFailure)
        }
        let noun = context.t("client.collection.\(collection)")
        if let exact = candidates.first(where: { $0.id == prefix }) { return exact }
        guard !prefix.isEmpty, let first = candidates.first else {
            throw CommandFailure(context.t("client.resolve.not_found", ["kind": noun, "prefix": prefix]))
        }
        if candidates.count == 1 { return first }
        let lines = candidates.prefix(Self.maximumCandidates).enumerated().map { index, state in
            "  \(index + 1). \(Self.short(state.id))  \(label(state))"
        }
        if context.terminal.canAsk {
            context.terminal.err(context.t("client.resolve.choose", ["kind": noun, "prefix": prefix]) + "\n"
                                 + lines.joined(separator: "\n") + "\n> ")
            if let answer = context.terminal.readLine(), let choice = Int(answer.trimmingCharacters(in: .whitespaces)),
               (1...min(candidates.count, Self.maximumCandidates)).contains(choice) {
                return candidates[choice - 1]
            }
            throw CommandFailure(context.t("client.resolve.no_choice"))
        }
        throw CommandFailure(context.t("client.resolve.ambiguous", ["kind": noun, "prefix": prefix]) + "\n"
                             + lines.joined(separator: "\n"))
    }

    /// A forum by prefix, labelled with date and title.
    func forum(_ prefix: String) throws -> RecordState {
        try resolve(Forum.collection, prefix) { state in
            guard let forum = try? Forum(state) else { return "" }
            return context.show(forum.start) + "  " + forum.title
        }
    }

    /// A participant by prefix, labelled with the name.
    func participant(_ prefix: String) throws -> RecordState {
        try resolve(Participant.collection, prefix) { $0[Participant.Field.displayName]?.stringValue ?? "" }
    }

    /// An honorarium by prefix, labelled with amount and status.
    func honorarium(_ prefix: String) throws -> RecordState {
        try resolve(Honorarium.collection, prefix) { state in
            guard let honorarium = try? Honorarium(state) else { return "" }
            return context.kronor(honorarium.amount) + "  "
                + DomainBridge.status(honorarium.status, context.language)
        }
    }

    /// The first characters of an id, enough to type it back.
    static func short(_ id: String) -> String { String(id.prefix(shortLength)) }
}

extension ClientError {
    static let storageFailure = ClientError(.storageError, "the local replica failed")
}
