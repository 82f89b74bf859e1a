import ReplicaStore
import SyncCore

extension RecordsOffice {
    /// Imports trusted record states in one transaction: each passes the write gate as a
    /// write on no device's behalf (integrity and validation, no permissions), is merged
    /// with what is stored and filed under the scope tags and review flags a push would give
    /// it, and the records that depend on it are refreshed as after a push. No device is
    /// credited: this is for migrating data in and for seeding benchmark databases, never
    /// for anything a device sent.
    ///
    /// Scope is read from the records already stored, so import parents before children
    /// (forums, participants, attendance, honoraria), in batches of some thousands.
    ///
    /// - Parameter states: the states to import.
    /// - Returns: how many records changed.
    /// - Throws: `invalid_record` with the refusal's code and the state's `index` when one is
    ///   refused, `storage_error`; nothing of the batch is stored then.
    @discardableResult
    public func importStates(_ states: [RecordState]) throws(SyncServerError) -> Int {
        try locked {
            try lookup.memoising {
                for (index, state) in states.enumerated() {
                    let existing = try lookup.storedState(collection: state.collection, id: state.id)
                    let merged = try existing.map { try $0.merged(with: state) } ?? state
                    if merged != existing, let refusal = server.admit(merged, before: existing, written: state, by: .system) {
                        throw SyncServerError(.invalidRecord, "State \(index) is refused: \(refusal.code).",
                                              extra: ["index": .integer(Int64(index)), "reason": .string(refusal.code)])
                    }
                }
                return try server.writeTransaction { try server.commitBatch(states) }
            }
        }
    }
}
