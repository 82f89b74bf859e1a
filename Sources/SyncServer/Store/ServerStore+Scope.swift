import ForumModel
import ReplicaStore
import SyncCore

/// Scope: a device receives the records of its municipalities. A forum is filed under its
/// municipality, attendance and honoraria under their forum's, and a participant under
/// its own municipality and those of every forum it attends, so a facilitator sees the
/// people at its forums even when they live elsewhere. A collection the policy opens to
/// some roles only (payees: coordinators) is filed under role tags instead, which only
/// devices of those roles pull.
extension ServerStore {
    /// The tag of a municipality.
    static func municipalityTag(_ municipality: String) -> String { municipalityTagPrefix + municipality }

    /// The tag of a municipality for a collection only devices of `role` may read:
    /// `r:<role>:<municipality>`.
    static func roleTag(_ role: String, _ municipality: String) -> String { roleTagPrefix + role + ":" + municipality }

    /// The stored scope tags of a record (municipalities, plain or for a role).
    func storedScopeTags(of state: RecordState) -> [String]? {
        (try? store.tags(collection: state.collection, id: state.id))?.filter(Self.isScopeTag)
    }

    static let municipalityTagPrefix = "m:"
    static let roleTagPrefix = "r:"

    static func isScopeTag(_ tag: String) -> Bool {
        tag.hasPrefix(municipalityTagPrefix) || tag.hasPrefix(roleTagPrefix)
    }

    /// The municipality a scope tag names.
    static func municipality(inTag tag: String) -> String {
        if tag.hasPrefix(roleTagPrefix) {
            let rest = tag.dropFirst(roleTagPrefix.count)
            return rest.firstIndex(of: ":").map { String(rest[rest.index(after: $0)...]) } ?? ""
        }
        return String(tag.dropFirst(municipalityTagPrefix.count))
    }

    /// The municipalities a record is filed under: what a tombstone's scope is.
    func storedMunicipalities(of state: RecordState) -> Set<String> {
        Set((storedScopeTags(of: state) ?? []).map(Self.municipality(inTag:)))
    }

    /// The tags a device pulls: its municipalities, plain and for its role.
    static func pullTags(for device: Device) -> [String] {
        device.municipalities.map(municipalityTag) + device.municipalities.map { roleTag(device.role, $0) }
    }

    /// The scope tags of a record filed under `municipalities`: plain, or, for a collection
    /// the policy opens to some roles only, one per role and municipality.
    func scopeTags(collection: String, municipalities: Set<String>) -> Set<String> {
        guard let roles = policy.readers(of: collection) else { return Set(municipalities.map(Self.municipalityTag)) }
        return Set(roles.flatMap { role in municipalities.map { Self.roleTag(role, $0) } })
    }

    /// Whether `device` may read the stored record: it is filed under one of the device's
    /// municipalities, which is what its pulls deliver.
    func mayRead(_ state: RecordState, device: Device) -> Bool {
        let tags = Set(storedScopeTags(of: state) ?? [])
        return Self.pullTags(for: device).contains { tags.contains($0) }
    }

    /// The tags and review flags of a state about to be stored (inside the lock).
    ///
    /// - Parameter previous: the state stored before, when the caller has it. A
    ///   participant's tags are its own municipality and those of the forums it attends;
    ///   every change of an attendance or forum that could move them re-tags it
    ///   (`refreshDependents`), so when its own municipality and deletion are as before,
    ///   its stored tags are still right and its attendance is not read again.
    func annotations(for state: RecordState, previous: RecordState? = nil) -> RecordAnnotations {
        if state.collection == "participant", let previous, previous.isDeleted == state.isDeleted,
           policy.municipality(of: previous, lookup: lookup) == policy.municipality(of: state, lookup: lookup),
           let stored = storedScopeTags(of: state), !stored.isEmpty {
            return RecordAnnotations(tags: stored, reviewFlags: policy.reviewFlags(for: state, lookup: lookup))
        }
        var municipalities = Set<String>()
        if let own = policy.municipality(of: state, lookup: lookup) { municipalities.insert(own) }
        if state.collection == "participant" {
            for attendance in lookup.states(collection: "attendance", where: "participantId", equals: state.id) {
                if let municipality = policy.municipality(of: attendance, lookup: lookup) { municipalities.insert(municipality) }
            }
        }
        var tags = scopeTags(collection: state.collection, municipalities: municipalities)
        // A delete clears the fields scope is read from; the tombstone (and a later
        // restore) must still reach every device that holds the record, so a deleted
        // record, or one whose municipality cannot be read, keeps its stored tags.
        if state.isDeleted || tags.isEmpty, let stored = storedScopeTags(of: state) {
            tags.formUnion(stored)
        }
        return RecordAnnotations(tags: tags.sorted(), reviewFlags: policy.reviewFlags(for: state, lookup: lookup))
    }

    /// After a change, updates records whose scope or flags depend on it: an attendance's
    /// participant (re-tagged so devices of the forum's municipality receive it) and its
    /// honoraria (review flags follow attendance); a forum's attendances and honoraria
    /// when its municipality moves them; a participant's payee when its municipality moves.
    ///
    /// - Parameter previous: the state stored before the change, when the caller has it.
    ///   Work that cannot change anything is then skipped: a forum whose municipality (as
    ///   the policy reads it) stayed the same leaves its attendances' tags as they are, and
    ///   an attendance that still joins the same participant and forum, and is as deleted
    ///   or live as before, leaves its participant's tags as they are. `nil` refreshes
    ///   everything.
    /// - Parameter created: whether nothing at all was stored for the record before (not
    ///   merely that the caller has no previous state): a new attendance can only add a
    ///   municipality to its participant's tags, never take one away.
    func refreshDependents(of state: RecordState, previous: RecordState? = nil, created: Bool = false) throws {
        switch state.collection {
        case "attendance":
            if Self.joinsMoved(from: previous, to: state),
               // A deleted attendance has cleared its fields: its participant is the one it had.
               let participantID = (state["participantId"] ?? previous?["participantId"])?.stringValue,
               let participant = lookup.state(collection: "participant", id: participantID) {
                if let tags = participantTags(participant, joining: state, created: created) {
                    try refile(participant, tags: tags)
                } else if !state.isDeleted {
                    // Someone attends (again): a facilitator's laptop that let the participant
                    // go under the retention (PROTOCOL.md §14c) receives them anew.
                    try resend(participant)
                }
            }
            for honorarium in lookup.states(collection: "honorarium", where: "attendanceId", equals: state.id) {
                try refile(honorarium, annotations: annotations(for: honorarium))
            }
        case Participant.collection:
            // A deleted participant's payee goes too (the identity number and account must not
            // outlive the person's record); a device's delete cannot reach it when the device
            // may not read payees (a facilitator's).
            if state.isDeleted {
                try RecordsOffice(self).deletePayee(ofParticipant: state.id)
                return
            }
            // A payee is filed under its participant's municipality: it moves with them. A
            // new participant has no payee yet (a payee needs its participant stored first).
            if created { return }
            if let previous, policy.municipality(of: previous, lookup: lookup) == policy.municipality(of: state, lookup: lookup) {
                return
            }
            if let payee = lookup.state(collection: Payee.collection, id: Payee.id(participantID: state.id)) {
                try refile(payee, tags: annotations(for: payee).tags)
            }
        case "forum":
            if let previous, policy.municipality(of: previous, lookup: lookup) == policy.municipality(of: state, lookup: lookup) {
                return
            }
            for attendance in lookup.states(collection: "attendance", where: "forumId", equals: state.id) {
                let tags = annotations(for: attendance).tags
                guard try refile(attendance, tags: tags) else { continue }
                try refreshDependents(of: attendance)
            }
        default:
            break
        }
    }

    /// A participant's tags after `attendance` changed. A new, live attendance only adds
    /// its forum's municipality to what the participant is filed under (its stored tags
    /// are right by the invariant above), so the stored tags and that one are enough; a
    /// moved, deleted or restored attendance can also take a municipality away, and
    /// everything is read again.
    /// - Returns: the tags, or `nil` when the stored ones are known to be right.
    private func participantTags(_ participant: RecordState, joining attendance: RecordState,
                                 created: Bool) -> [String]? {
        if created, !attendance.isDeleted,
           let stored = storedScopeTags(of: participant), !stored.isEmpty {
            guard let municipality = policy.municipality(of: attendance, lookup: lookup) else { return nil }
            let tag = Self.municipalityTag(municipality)
            return stored.contains(tag) ? nil : (stored + [tag]).sorted()
        }
        return annotations(for: participant).tags
    }

    /// Whether an attendance change can have moved its participant's scope: it is new, or
    /// it now names another participant or forum, or it was deleted or restored.
    private static func joinsMoved(from previous: RecordState?, to state: RecordState) -> Bool {
        guard let previous else { return true }
        return previous.isDeleted != state.isDeleted
            || previous["participantId"] != state["participantId"]
            || previous["forumId"] != state["forumId"]
    }
}
