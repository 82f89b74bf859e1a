import SyncCore

/// The one place that decides whether an actor may make a change.
///
/// A change is a pair of states of one record: `before` (the server's current state, or
/// the client's state before its edit; `nil` for a new record) and `after` (the merged
/// result, or the state after the edit). The server's write gate calls `check` for every
/// state it stores on a device's or an admin's behalf; the client calls it before writing,
/// so a user is refused early with the very same code and message.
public enum Authorization {
    /// Decides whether `actor` may turn `before` into `after`.
    ///
    /// In order: the collection is known and open to the actor's role
    /// (`CollectionSpec.roles`, `collection_forbidden`); nothing changed is always allowed; `after` is
    /// valid (`ForumRules.validate`) and, when live, the records it refers to exist; admins
    /// may only resolve records with an open conflict (any field, any municipality);
    /// everyone else must work in the record's municipality before and after the change
    /// (a tombstone's municipality is the one the record was filed under, `storedScope`);
    /// every field the change writes must be one the actor's role may write
    /// (`FieldSpec.writers`); a facilitator changes a record with a status only in the
    /// statuses the schema allows it (`CollectionSpec.facilitatorStatuses`), judged by the
    /// status the facilitator saw (`written`); honoraria follow `checkHonorarium`.
    ///
    /// - Parameters:
    ///   - actor: who makes the change.
    ///   - before: the state before the change, `nil` when the record is new.
    ///   - after: the state after the change.
    ///   - written: the state as the writer holds it (a pushed state); `nil` means `after`.
    ///   - storedScope: the municipalities the record is filed under, for a `before` whose
    ///     own fields no longer tell (a tombstone); `nil` when unknown.
    ///   - lookup: other records, to find an attendance's or honorarium's forum.
    ///   - configuration: limits.
    /// - Returns: `.success`, or the reason for refusal with a stable code.
    public static func check(actor: Actor, before: RecordState?, after: RecordState, written: RecordState? = nil,
                             storedScope: Set<String>? = nil, lookup: RecordLookup,
                             configuration: DomainConfiguration = DomainConfiguration()) -> Result<Void, DomainError> {
        guard let spec = ForumSchema.collection(after.collection) else {
            return .failure(DomainError(.unknownCollection, ["collection": after.collection]))
        }
        // A restricted collection (payees) is neither read nor written by other roles; the
        // admin does not resolve it either: a coordinator's new write settles a conflict.
        guard spec.admits(actor.role) else {
            return .failure(DomainError(.collectionForbidden, ["collection": spec.name, "role": actor.role.rawValue]))
        }
        let changed = changedFields(before: before, after: after)
        if changed.isEmpty { return .success(()) }

        if case .failure(let error) = ForumRules.validate(after, configuration: configuration) { return .failure(error) }
        if !after.isDeleted, case .failure(let error) = ForumRules.checkReferences(after, lookup: lookup) {
            return .failure(error)
        }
        // An erased participant's identity stays erased: no payment details may be added back.
        if after.collection == Payee.collection, !after.isDeleted,
           let participantID = after[Payee.Field.participantID]?.stringValue,
           lookup.liveFacts(collection: Participant.collection, id: participantID)?[Participant.Field.erased] == .bool(true) {
            return .failure(DomainError(.participantErased))
        }

        if actor.role == .admin {
            guard let before, before.hasConflict else { return .failure(DomainError(.roleForbidden, ["role": "admin"])) }
            return .success(())
        }

        if case .failure(let error) = checkScope(actor: actor, before: before, after: after, storedScope: storedScope,
                                                 lookup: lookup) {
            return .failure(error)
        }
        // What a role may write is judged by shown values: writing `null` to an unset field
        // (a new record's empty optionals) writes nothing a rule is about.
        for name in changed where name != RecordState.deletedField
            && (before?[name] ?? .null) != (after[name] ?? .null) {
            guard let field = spec.field(name), field.writers.contains(actor.role) else {
                return .failure(DomainError(.roleForbidden, ["role": actor.role.rawValue]))
            }
        }
        if actor.role == .facilitator, let statuses = spec.facilitatorStatuses {
            // The status the facilitator saw: its own state's, or, for a delete, the one it deleted.
            let seen = (written ?? after).isDeleted ? before : (written ?? after)
            if let status = seen.flatMap({ $0.isDeleted ? nil : $0["status"]?.stringValue }), !statuses.contains(status) {
                return .failure(DomainError(.roleForbidden, ["role": actor.role.rawValue]))
            }
        }

        guard after.collection == Honorarium.collection else { return .success(()) }
        return checkHonorarium(actor: actor, before: before, after: after, changed: changed, lookup: lookup)
    }

    /// The actor must work in the record's municipality before and after the change.
    ///
    /// A live `after` without a municipality refers to a record that is missing
    /// (`reference_missing`). A deleted state's own fields are gone, so its municipality is
    /// the one the record was filed under (`storedScope`): a tombstone keeps its scope, and
    /// restoring or updating it is judged like the live record was. A tombstone of a
    /// record never stored before (created and deleted offline) has no scope and is allowed.
    static func checkScope(actor: Actor, before: RecordState?, after: RecordState, storedScope: Set<String>?,
                           lookup: RecordLookup) -> Result<Void, DomainError> {
        for state in [before, after].compactMap({ $0 }) {
            if !state.isDeleted || state.fields.count > 1, let municipality = ForumRules.municipality(of: state, lookup: lookup) {
                guard actor.covers(municipality) else { return .failure(DomainError(.outsideScope)) }
                continue
            }
            if let storedScope, !storedScope.isEmpty {
                guard storedScope.contains(where: actor.covers) else { return .failure(DomainError(.outsideScope)) }
                continue
            }
            if state == after, !after.isDeleted {
                return .failure(DomainError(.referenceMissing, ["collection": state.collection]))
            }
        }
        return .success(())
    }

    /// The fields whose registers differ between `before` and `after` (`_deleted` included).
    public static func changedFields(before: RecordState?, after: RecordState) -> Set<String> {
        // Built in one pass over each side rather than as a union filtered afterwards: this
        // runs at every write, local or pushed.
        let beforeFields = before?.fields ?? [:]
        var changed = Set<String>(minimumCapacity: after.fields.count)
        for (name, register) in after.fields where beforeFields[name] != register { changed.insert(name) }
        for name in beforeFields.keys where after.fields[name] == nil { changed.insert(name) }
        return changed
    }

    /// Whether the change carries a correction flag: the `correction` field holds an entry
    /// written by this change (its dot not seen by `before`).
    public static func isCorrection(before: RecordState?, after: RecordState) -> Bool {
        guard let entries = after.fields[Honorarium.Field.correction]?.entries else { return false }
        return entries.contains { entry in !(before?.context.covers(entry.dot) ?? false) }
    }
}
