import SyncCore

/// The one place that decides whether an actor may make a change.
///
/// A change is a pair of states of one record: `before` (the server's current state, or
/// the client's state before its edit; `nil` for a new record) and `after` (the merged
/// result, or the state after the edit). The server calls `check` to refuse a push (and
/// answers with a compensating write); the client calls it before writing, so a user is
/// refused early with the very same code and message.
public enum Authorization {
    /// Decides whether `actor` may turn `before` into `after`.
    ///
    /// In order: the collection is known; nothing changed is always allowed; `after` is
    /// valid (`ForumRules.validate`) and the records it refers to exist; admins may only
    /// resolve records with an open conflict (any field, any municipality); everyone else
    /// must work in the record's municipality before and after the change; honoraria
    /// follow the status rules of `checkHonorarium`.
    ///
    /// - Parameters:
    ///   - actor: who makes the change.
    ///   - before: the state before the change, `nil` when the record is new.
    ///   - after: the state after the change.
    ///   - lookup: other records, to find an attendance's or honorarium's forum.
    ///   - configuration: limits.
    /// - Returns: `.success`, or the reason for refusal with a stable code.
    public static func check(actor: Actor, before: RecordState?, after: RecordState, lookup: RecordLookup,
                             configuration: DomainConfiguration = DomainConfiguration()) -> Result<Void, DomainError> {
        guard ForumRules.collections.contains(after.collection) else {
            return .failure(DomainError(.unknownCollection, ["collection": after.collection]))
        }
        let changed = changedFields(before: before, after: after)
        if changed.isEmpty { return .success(()) }

        if case .failure(let error) = ForumRules.validate(after, configuration: configuration) { return .failure(error) }
        if !after.isDeleted, case .failure(let error) = ForumRules.checkReferences(after, lookup: lookup) {
            return .failure(error)
        }

        if actor.role == .admin {
            guard let before, before.hasConflict else { return .failure(DomainError(.roleForbidden, ["role": "admin"])) }
            return .success(())
        }

        for state in [before, after].compactMap({ $0 }) where !(state.isDeleted && state.fields.count == 1) {
            guard let municipality = ForumRules.municipality(of: state, lookup: lookup) else {
                if state == after { return .failure(DomainError(.referenceMissing, ["collection": state.collection])) }
                continue
            }
            guard actor.covers(municipality) else { return .failure(DomainError(.outsideScope)) }
        }

        guard after.collection == Honorarium.collection else { return .success(()) }
        return checkHonorarium(actor: actor, before: before, after: after, changed: changed, lookup: lookup)
    }

    /// The fields whose registers differ between `before` and `after` (`_deleted` included).
    public static func changedFields(before: RecordState?, after: RecordState) -> Set<String> {
        let beforeFields = before?.fields ?? [:]
        return Set(beforeFields.keys).union(after.fields.keys).filter { beforeFields[$0] != after.fields[$0] }
    }

    /// Whether the change carries a correction flag: the `correction` field holds an entry
    /// written by this change (its dot not seen by `before`).
    public static func isCorrection(before: RecordState?, after: RecordState) -> Bool {
        guard let entries = after.fields[Honorarium.Field.correction]?.entries else { return false }
        return entries.contains { entry in !(before?.context.covers(entry.dot) ?? false) }
    }
}
