import ForumModel
import ReplicaStore
import SyncCore
import SyncProtocol

/// Every path by which a record state is written to the server's store. Each passes
/// `ServerStore.admit` and is stored from this file, the only one that calls the replica
/// store's writing functions (a test reads the sources to hold that): a push through
/// `ServerStore.commitPush` (the replica store's merge, with `PushGate` deciding), an
/// import through `commitBatch`, the others through `commit`.
public enum WritePath: String, CaseIterable, Sendable {
    /// A device's push (`SyncLedger.push`): the pushed state merged into the stored one.
    /// Restoring a tombstone, deleting and resolving on a device are pushes too.
    case push
    /// An admin's resolution of a conflict, from `forum-server conflicts resolve` or the
    /// dashboard: a write by the server's replica.
    case adminResolve
    /// `RecordsOffice.importStates`: trusted states merged in on no device's behalf (migration, seeding).
    case importStates
    /// `forum-server participant erase`: the server clears a participant's identifying
    /// fields (a write by the server's replica, audited); and the server deletes the payee
    /// record of a participant that is erased or deleted (`RecordsOffice.deletePayee`).
    case erasure
}

/// Who a write is made for, as the gate sees it.
enum WriteActor {
    /// An enrolled device.
    case device(Device)
    /// The admin, resolving a conflict.
    case admin
    /// No one: an import. Validated, not authorized.
    case system
    /// The server's erasure: validated, and may change only a participant's identifying
    /// fields and `erased`, or delete a payee.
    case erasure
}

/// Why the gate refused a write: a stable code, an English message without personal
/// data, and the parameters the message names.
typealias GateRefusal = RecordRefusal

extension ServerStore {
    /// The one check every write path passes before anything is stored (inside the lock).
    ///
    /// In order: integrity of the written history (`RecordState.integrityProblem`: forged
    /// history for a device's push, dot integrity, time bounds against the server's clock
    /// and `SyncServerConfiguration.maxClockSkew`), then the domain: the policy's
    /// authorization for a device (with the record's stored scope, so a tombstone is
    /// judged like the live record was) or the admin (who may only resolve an open
    /// conflict, with a valid result), and validation alone for an import.
    ///
    /// - Parameters:
    ///   - after: the state that would be stored.
    ///   - before: the stored state, `nil` when the record is new.
    ///   - written: the state as the writer sent it (a push); `nil` means `after`.
    ///   - actor: for whom.
    /// - Returns: `nil` when the write may be stored, else the refusal.
    ///   - recovery: for a push, the pushed state read against the acknowledgement ledger
    ///     (`recover`): what the server acknowledged before a restore counts as known for
    ///     forged history and as already admitted for the domain's rules.
    func admit(_ after: RecordState, before: RecordState?, written: RecordState? = nil,
               recovery: Recovery? = nil, by actor: WriteActor) -> GateRefusal? {
        let incoming = written ?? after
        if let problem = recovery?.problem { return Self.refusal(problem) }
        let known = recovery.map { $0.known(stored: before) } ?? before
        let judged = recovery.map { $0.admitted(stored: before) } ?? before
        let pusher: ReplicaID? = if case .device(let device) = actor { ReplicaID(device.id) } else { nil }
        if case .device = actor, pusher == nil {
            return GateRefusal(code: IntegrityProblem.forgedHistory.code, message: "The device's replica id is invalid.")
        }
        // A record the device cannot read counts as unknown to it for forged history, so the
        // answer never depends on the stored counters it could otherwise probe for.
        if case .device(let device) = actor, let pusher, let before, !mayRead(before, device: device),
           !RecordState.foreignDots(in: incoming, pushedBy: pusher, known: nil).isEmpty {
            return Self.refusal(.forgedHistory)
        }
        if let problem = RecordState.integrityProblem(in: incoming, pushedBy: pusher, stored: known, nowMillis: clock(),
                                                      maxAheadMillis: configuration.maxClockSkew * 1000) {
            return Self.refusal(problem)
        }
        switch actor {
        case .device(let device):
            // A record stored for the first time has no scope tags yet: no query.
            let scope = before == nil ? [] : storedMunicipalities(of: after)
            if let refusal = policy.check(actor: device.actor, before: judged, after: after, written: incoming,
                                          storedScope: scope, lookup: lookup) {
                return refusal
            }
            // An erased participant's identity stays erased: a device that has not synced the
            // erasure must not bring a name back (it is put right by the refusal's state).
            if after.collection == Participant.collection, judged?[Participant.Field.erased] == .bool(true),
               Participant.Field.personal.contains(where: { after.fields[$0] != judged?.fields[$0] }) {
                return GateRefusal(code: DomainError.Code.roleForbidden.rawValue,
                                   message: "The participant's identifying data was erased and cannot be written again.",
                                   parameters: ["role": device.role])
            }
            // The domain's rules judge the values a change shows; an entry of the pusher's
            // that loses its register (written concurrently with an earlier time) shows
            // nothing, yet is stored and may win later or be chosen in a resolution. Each is
            // judged as if it were the field's only entry.
            guard let pusher else { return nil }
            for name in after.fields.keys.sorted() {
                guard let register = after.fields[name], register.entries.count > 1 else { continue }
                for entry in register.entries where entry.dot.replica == pusher && entry.dot != register.winner?.dot
                    && !(judged?.fields[name]?.holds(entry.dot) ?? false) {
                    guard let alone = try? after.replacingRegister(name, with: [entry]) else { continue }
                    if let refusal = policy.check(actor: device.actor, before: judged, after: alone, written: incoming,
                                                  storedScope: scope, lookup: lookup) {
                        return refusal
                    }
                }
            }
            return nil
        case .admin:
            return policy.check(actor: DeviceActor(role: "admin", municipalities: []), before: before, after: after,
                                written: nil, storedScope: [], lookup: lookup)
        case .system:
            return policy.validate(after)
        case .erasure:
            if after.collection == Payee.collection {
                guard after.isDeleted else {
                    return GateRefusal(code: DomainError.Code.roleForbidden.rawValue, message: "An erasure only deletes a payee.")
                }
                return policy.validate(after)
            }
            let allowed = Set(Participant.Field.personal + [Participant.Field.erased])
            var names = Set(after.fields.keys)
            if let before { names.formUnion(before.fields.keys) }
            let changed = names.filter { after.fields[$0] != before?.fields[$0] }
            guard after.collection == Participant.collection, changed.isSubset(of: allowed) else {
                return GateRefusal(code: DomainError.Code.roleForbidden.rawValue, message: "An erasure changes identifying fields only.")
            }
            return policy.validate(after)
        }
    }

    /// Stores an admitted state with its scope tags and review flags, then refreshes the
    /// records whose scope or flags depend on it. The only place a record state is written.
    @discardableResult
    func commit(_ state: RecordState, previous: RecordState?, created: Bool) throws -> MergeResult {
        let result = try store.save(state, annotations: annotations(for: state, previous: previous))
        try filed(result, previous: previous, created: created)
        return result
    }

    /// Merges a device's pushed states in the given order through the replica store's
    /// merge, with the push's hook (`PushGate`): each merged state passes `admit` and is
    /// filed as `commit` files one. Inside the push's lock and transaction.
    /// - Returns: one result per state, in order.
    func commitPush(_ states: [RecordState], from device: Device) throws -> [DecidedMerge<PushGate.Refusal>] {
        try store.merge(states, hook: PushGate(server: self, device: device))
    }

    /// What follows a stored state (`commit`, and the push's merge hook): the lookup's memo
    /// and the acknowledgement ledger learn it, and the records whose scope or flags depend
    /// on it are refreshed.
    func filed(_ result: MergeResult, previous: RecordState?, created: Bool) throws {
        lookup.note(result.state)
        if result.outcome != .unchanged { ledger.note(result.state) }
        if result.outcome != .unchanged { try refreshDependents(of: result.state, previous: previous, created: created) }
    }

    /// Re-files an unchanged stored state under new annotations (a dependent's review flags
    /// or tags after its parent changed). Writes no state.
    func refile(_ state: RecordState, annotations: RecordAnnotations) throws {
        try store.save(state, annotations: annotations)
        try store.retag(collection: state.collection, id: state.id, tags: annotations.tags)
    }

    /// Sends an unchanged stored record again: a new change sequence under the same tags,
    /// so every device in its scope pulls it anew. Writes no state.
    ///
    /// A record whose current sequence no device has been served yet (every device's
    /// `pulled_through` is below it: it was created, changed or re-sent in this push, or in
    /// an earlier request of a bulk push nobody has pulled since) is left as it is: each
    /// device in its scope receives that state with its next pull, whatever it let go
    /// before. A bulk push of new participants re-sent each one per attendance (12 % of the
    /// storing, 14 % of the push's server time in issue 21's profile).
    func resend(_ state: RecordState) throws {
        if let sequence = try store.sequence(collection: state.collection, id: state.id),
           sequence > (try lookup.devicesServedThrough { try devicesServedThrough() }) {
            return
        }
        try store.resend(collection: state.collection, id: state.id)
    }

    /// The highest sequence any device has been served by a pull (or set past at enrolment):
    /// no device holds a state with a later sequence from a pull.
    func devicesServedThrough() throws -> Int64 {
        try store.connection.queryOne("SELECT COALESCE(MAX(pulled_through), 0) FROM device") { try $0.int64(at: 0) } ?? 0
    }

    /// Re-files an unchanged stored record under new scope tags. Writes no state.
    /// - Returns: whether the tags changed.
    @discardableResult
    func refile(_ state: RecordState, tags: [String]) throws -> Bool {
        try store.retag(collection: state.collection, id: state.id, tags: tags)
    }

    /// Removes a tombstone past its horizon (PROTOCOL.md §14d): the only place a record
    /// leaves the server's store. Anything but a stored deleted record holding nothing but
    /// its `_deleted` register, without a conflict, is left alone.
    /// - Returns: whether the record was removed.
    func purgeTombstone(collection: String, id: String) throws -> Bool {
        guard let stored = try store.state(collection: collection, id: id), stored.isCleanTombstone else { return false }
        return try store.purge(collection: collection, id: id)
    }

    /// Stores a batch of admitted states in one merge (an import), each filed as `commit`
    /// files one, then refreshes their dependents.
    /// - Returns: how many records changed.
    func commitBatch(_ states: [RecordState]) throws -> Int {
        let results = try store.merge(states) { merged in self.annotations(for: merged) }
        var changed = 0
        for result in results where result.outcome != .unchanged {
            changed += 1
            // A new record is refreshed as a push refreshes one (a new attendance only adds
            // its forum's municipality to its participant); a changed one, whose stored
            // state before is not at hand here, in full.
            try filed(result, previous: nil, created: result.outcome == .new)
        }
        return changed
    }

    /// The pushed state read against what the server acknowledged before a restore
    /// (`RecordState.recovering`); a plain pass-through when the server was never restored.
    func recover(_ incoming: RecordState, stored: RecordState?) throws -> Recovery {
        RecordState.recovering(incoming, stored: stored,
                               shadow: try ledger.shadow(collection: incoming.collection, id: incoming.id))
    }

    /// Runs a write transaction whose committed states go to the acknowledgement ledger
    /// before the database commits (so the ledger is never behind what was acknowledged).
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try store.connection.transaction(.immediate) {
                let value = try body()
                try ledger.flush()
                return value
            }
        } catch {
            ledger.discard()
            throw error
        }
    }

    /// The refusal for an integrity problem: its code and the field, never the server's
    /// counters or values.
    static func refusal(_ problem: IntegrityProblem) -> GateRefusal {
        let message = switch problem {
        case .forgedHistory: "The record claims writes of another replica that the server never sent."
        case .dotConflict: "An entry reuses the dot of another write with a different value or time."
        case .timeOutOfRange: "An entry's time is before 1970 or too far ahead of the server's clock."
        }
        return GateRefusal(code: problem.code, message: message, parameters: problem.field.map { ["field": $0] } ?? [:])
    }
}
