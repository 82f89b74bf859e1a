import ReplicaStore
import SyncCore

extension ServerDatabase {
    /// Imports trusted record states in one transaction: each is merged with what is
    /// stored and filed under the scope tags and review flags a push would give it, and
    /// the records that depend on it are refreshed as after a push. No policy check is
    /// made and no device is credited: this is for migrating data in and for seeding
    /// benchmark databases, never for anything a device sent.
    ///
    /// Scope is read from the records already stored, so import parents before children
    /// (forums, participants, attendance, honoraria), in batches of some thousands.
    ///
    /// - Parameter states: the states to import.
    /// - Returns: how many records changed.
    /// - Throws: `storage_error`; nothing of the batch is stored then.
    @discardableResult
    public func importStates(_ states: [RecordState]) throws(SyncServerError) -> Int {
        try locked {
            try store.connection.transaction(.immediate) {
                let results = try store.merge(states) { merged in self.annotations(for: merged) }
                var changed = 0
                for result in results where result.outcome != .unchanged {
                    changed += 1
                    // A new record is refreshed as a push refreshes one (fix 25: a new
                    // attendance only adds its forum's municipality to its participant);
                    // a changed one, whose stored state before is not at hand here, in full.
                    try refreshDependents(of: result.state, created: result.outcome == .new)
                }
                return changed
            }
        }
    }
}
