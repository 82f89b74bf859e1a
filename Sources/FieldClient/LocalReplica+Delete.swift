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
}
