import SyncCore

/// The record-level rules: what a valid forum, participant, attendance or honorarium is,
/// as `ForumSchema` declares it.
///
/// Checks the visible values (the register winners). A register in conflict is checked by
/// its shown value; the conflict itself is for a person to resolve, not a rule violation.
public enum ForumRules {
    /// The collections the domain knows.
    public static var collections: Set<String> { ForumSchema.collectionNames }

    /// Validates one record on its own against its collection's declaration: no undeclared
    /// field, required fields, types, allowed values, dates, amounts, municipalities,
    /// derived ids and the collection's consistency rule. A deleted record is checked for
    /// undeclared fields only.
    /// - Returns: `.success`, or the first problem found.
    public static func validate(_ state: RecordState,
                                configuration: DomainConfiguration = DomainConfiguration()) -> Result<Void, DomainError> {
        guard let spec = ForumSchema.collection(state.collection) else {
            return .failure(DomainError(.unknownCollection, ["collection": state.collection]))
        }
        do {
            try spec.validate(state, configuration: configuration)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    /// The municipality a record belongs to, following its declared scope: its own field,
    /// or the record it refers to (an attendance's forum, an honorarium's attendance).
    /// - Returns: `nil` when the record or a record it refers to lacks the information
    ///   (a tombstone, for one: the server then reads the scope it stored).
    public static func municipality(of state: RecordState, lookup: RecordLookup) -> String? {
        guard let spec = ForumSchema.collection(state.collection) else { return nil }
        switch spec.scope {
        case .field(let name):
            return state[name]?.stringValue
        case .via(let name):
            return municipality(via: spec, reference: state[name], lookup: lookup)
        }
    }

    /// The municipality of the record `reference` (the value of `spec`'s scope field) points
    /// at, read from the facts of each record on the way (`RecordLookup.facts`): a parent's
    /// scope field and reference are facts (`ForumSchema.factFields`).
    static func municipality(via spec: CollectionSpec, reference: JSONValue?, lookup: RecordLookup) -> String? {
        guard case .via(let name) = spec.scope, let field = spec.field(name), case .reference(let collection) = field.type,
              let id = reference?.stringValue, let parentSpec = ForumSchema.collection(collection),
              let parent = lookup.facts(collection: collection, id: id) else {
            return nil
        }
        switch parentSpec.scope {
        case .field(let scopeField): return parent[scopeField]?.stringValue
        case .via(let next): return municipality(via: parentSpec, reference: parent[next], lookup: lookup)
        }
    }

    /// Checks that the live records `state` refers to exist (`reference_missing`).
    static func checkReferences(_ state: RecordState, lookup: RecordLookup) -> Result<Void, DomainError> {
        guard let spec = ForumSchema.collection(state.collection) else { return .success(()) }
        for reference in spec.references {
            guard let id = state[reference.field]?.stringValue,
                  lookup.liveFacts(collection: reference.collection, id: id) != nil else {
                return .failure(DomainError(.referenceMissing, ["field": reference.field]))
            }
        }
        return .success(())
    }
}
