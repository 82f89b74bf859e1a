extension RecordState {
    /// Whether this is a tombstone holding nothing but its `_deleted` register, without a
    /// conflict: what a replica may drop past the tombstone horizon (PROTOCOL.md §14d).
    public var isCleanTombstone: Bool {
        isDeleted && !hasConflict && fields.keys.allSatisfy { $0 == Self.deletedField }
    }

    /// Whether `pulled`, received for the record this synced state holds, replaces it
    /// rather than merging into it (PROTOCOL.md §14d): this is a clean tombstone whose delete
    /// the pulled state no longer knows. The server knew the delete (the tombstone was
    /// synced), and only a tombstone purge makes it forget one: the pulled state is the
    /// record written anew, and merging would make a delete-versus-update conflict that no
    /// other replica has.
    public func isForgottenDelete(by pulled: RecordState) -> Bool {
        guard isCleanTombstone, let deletes = fields[Self.deletedField]?.entries else { return false }
        return !deletes.allSatisfy { pulled.context.covers($0.dot) }
    }
}
