import ForumModel
import SyncCore

extension LocalReplica {
    /// Whether this device's role may hold and write payee details (coordinators only;
    /// `ForumSchema.payee`'s roles). What `forum payee` and the app's payee form ask first.
    public var holdsPayees: Bool {
        ForumSchema.collection(Payee.collection)?.admits(actor.role) ?? false
    }

    /// Refuses a role that may not hold payee details (`refused`, `collection_forbidden`),
    /// before anything is read or written.
    public func requirePayeeRole() throws(ClientError) {
        guard !holdsPayees else { return }
        let error = DomainError(.collectionForbidden, ["collection": Payee.collection, "role": actor.role.rawValue])
        throw ClientError(.refused, error.message, detailCode: error.code.rawValue, detailParams: error.params)
    }

    /// The payee details of `participantID`, `nil` when none are held.
    /// - Throws: `refused` for a role that may not hold them, or with the domain's reason when
    ///   the stored record cannot be read.
    public func payee(participantID: String) throws(ClientError) -> Payee? {
        try requirePayeeRole()
        guard let state = lookup.live(collection: Payee.collection, id: Payee.id(participantID: participantID)) else { return nil }
        do { return try Payee(state) } catch {
            throw ClientError(.refused, error.message, detailCode: error.code.rawValue, detailParams: error.params)
        }
    }

    /// Stores `payee` (a participant's payment details), replacing what was there. Details
    /// deleted before (with the participant deleted and restored) are written anew, since a
    /// write to a deleted record would leave it deleted. What `forum payee set` and the
    /// app's payee form both do, after `PayeeEntry` has checked what was typed.
    /// - Throws: `refused` for a role that may not hold them or with the rules' reason,
    ///   `storage_error`.
    public func setPayee(_ payee: Payee) throws(ClientError) {
        try requirePayeeRole()
        try change(collection: Payee.collection, id: payee.id) { state, writer, time in
            if state.isDeleted {
                _ = try state.restore(payee.fields, by: writer, at: time)
            } else {
                try state.write(payee.fields, by: writer, at: time)
            }
        }
    }
}
