import ForumModel
import SyncCore

extension LocalReplica {
    /// Deletes a forum, participant or attendance with what depends on it
    /// (`ForumModel.Deletion`), in one transaction: every delete is a write the domain's
    /// rules judge, so either all of them are stored, as pending changes, or none.
    /// - Returns: what was deleted.
    /// - Throws: `refused` with the domain's code (`has_paid_honoraria`, `role_forbidden`,
    ///   …), `storage_error`.
    @discardableResult
    public func delete(collection: String, id: String) throws(ClientError) -> Deletion {
        let deletion = try plannedDeletion(collection: collection, id: id)
        try transaction { () throws(ClientError) in
            for target in deletion.targets {
                try change(collection: target.collection, id: target.id) { state, replica, time in
                    _ = state.delete(by: replica, at: time)
                }
            }
        }
        return deletion
    }

    /// What deleting the record would delete, without deleting anything.
    public func plannedDeletion(collection: String, id: String) throws(ClientError) -> Deletion {
        switch Deletion.plan(collection: collection, id: id, lookup: lookup) {
        case .success(let deletion): return deletion
        case .failure(let error):
            throw ClientError(.refused, error.message, detailCode: error.code.rawValue, detailParams: error.params)
        }
    }

    /// Removes every record the server already holds (no pending change), for a device
    /// revoked with a wipe: they leave the laptop, and unsynced changes stay for
    /// `forum export replica --pending`. Not a delete: nothing syncs. Freed content is
    /// overwritten and the WAL truncated, so the data is gone from the files too.
    /// - Returns: how many records were removed.
    public func wipeSynced() throws(ClientError) -> Int {
        do {
            let removed = try store.transaction { () throws -> Int in
                try store.removeCheckpoint(Key.cursor)
                return try store.forgetSynced()
            }
            try store.checkpointAndTruncate()
            return removed
        } catch { throw ClientError.storage(error) }
    }
}
