import ForumModel
import ReplicaStore
import SyncCore
import SyncProtocol

/// A device's push as the replica store's merge hook (`ReplicaStore.merge(_:hook:)`): the
/// pushed state is read against the acknowledgement ledger (restore recovery, PROTOCOL.md
/// §14a) and that is what is merged; each merged state passes the write gate
/// (`ServerStore.admit`: dot integrity, forged history, time bounds, the domain's rules
/// with the record's stored scope) and is filed under its scope tags and review flags;
/// once stored, what depends on it is refreshed. Used inside the push's lock and
/// transaction only.
struct PushGate: MergeHook {
    /// A record the gate refused: the reason, and the server's state when the device may
    /// read it (the device puts its copy back to it, PROTOCOL.md §8).
    struct Refusal {
        var reason: RecordRefusal
        var readable: RecordState?
    }

    let server: ServerStore
    let device: Device

    func offer(_ incoming: RecordState, existing: RecordState?) throws -> (state: RecordState, offer: Recovery) {
        // Rules read the pushed records again (parents, dependents): remember what is stored.
        server.lookup.note(stored: existing, collection: incoming.collection, id: incoming.id)
        // After a restore: entries acknowledged before it and forgotten come back; entries
        // the acknowledged history had overwritten are dropped (PROTOCOL.md §14a).
        let recovery = try server.recover(incoming, stored: existing)
        return (recovery.incoming, recovery)
    }

    /// A refused record stores nothing: the server's state, its history and who wrote what
    /// stay exactly as they were.
    func decide(_ merged: RecordState, existing: RecordState?, offered: RecordState, offer recovery: Recovery)
        -> MergeDecision<Refusal> {
        guard var refusal = server.admit(merged, before: existing, written: offered, recovery: recovery,
                                         by: .device(device)) else {
            return .store(server.annotations(for: merged, previous: existing))
        }
        // A record the server forgot in a restore and no device has offered back in full
        // yet: what is missing may still come (its forum, a newer state), so the device
        // keeps its copy pending instead of dropping it (PROTOCOL.md §14a).
        if recovery.acknowledged != (existing?.context ?? VersionVector()),
           [DomainError.Code.missingField.rawValue, DomainError.Code.referenceMissing.rawValue].contains(refusal.code) {
            refusal = RecordRefusal(code: RecordRefusal.notRecovered, message:
                "The record is not recovered from before the server's restore yet; offer it again later.",
                                    parameters: refusal.parameters)
        }
        let readable = existing.flatMap { server.mayRead($0, device: device) ? $0 : nil }
        return .refuse(Refusal(reason: refusal, readable: readable))
    }

    func stored(_ result: MergeResult, previous: RecordState?) throws {
        try server.filed(result, previous: previous, created: previous == nil)
    }
}
