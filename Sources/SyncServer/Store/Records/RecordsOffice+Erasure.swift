import ForumModel
import SQLite
import SyncCore

extension RecordsOffice {
    /// What an erasure did.
    public struct ErasureReport: Sendable, Equatable {
        /// The identifying fields cleared.
        public var clearedFields: [String]
        /// Whether the participant's payee record (identity number, account) was deleted.
        public var deletedPayee: Bool
        /// Honoraria of the participant kept for the accounts (amounts, dates, references;
        /// they name the participant by id only).
        public var keptHonoraria: Int
    }

    /// Erases a participant's identifying data (GDPR art. 17): `displayName` becomes `-`,
    /// the other identifying fields are cleared and `erased` is set, as a write of the
    /// server's replica that reaches every device at its next sync. Attendance and
    /// honoraria stay (they hold no identifying field; paid ones are required for the
    /// accounts). The participant's payee record (identity number and account) is deleted
    /// (`deletePayee`). The old values are gone from the database file too: SQLite's
    /// `secure_delete` overwrites freed content, replayable push answers that could carry
    /// the record are dropped, and the WAL is checkpointed and truncated. Audited.
    /// - Throws: `not_found`, `invalid_value` when the gate refuses, `storage_error`.
    public func eraseParticipant(id: String) throws(SyncServerError) -> ErasureReport {
        let report = try locked { () throws -> ErasureReport in
            try server.writeTransaction {
                guard let state = try store.state(collection: Participant.collection, id: id), !state.isDeleted else {
                    throw SyncServerError.notFound("participant")
                }
                var values: [String: JSONValue] = [Participant.Field.erased: .bool(true)]
                var cleared: [String] = []
                for field in Participant.Field.personal where state.fields[field] != nil {
                    values[field] = field == Participant.Field.displayName ? .string(Participant.erasedName) : .null
                    cleared.append(field)
                }
                var erased = state
                try erased.write(values, by: .server, at: try server.nextServerTime())
                if let refusal = server.admit(erased, before: state, by: .erasure) {
                    throw SyncServerError(AdminErrorCode.invalidValue, "The erasure is refused: \(refusal.message)")
                }
                try server.commit(erased, previous: state, created: false)
                let deletedPayee = try deletePayee(ofParticipant: id)
                try store.connection.execute("DELETE FROM push_response WHERE instr(response, ?) > 0", [.blob(Array(id.utf8))])
                let payeeID = Payee.id(participantID: id)
                try store.connection.execute("DELETE FROM push_response WHERE instr(response, ?) > 0", [.blob(Array(payeeID.utf8))])
                try audit(.participantErase, subject: "\(Participant.collection)/\(id)")
                let attendances = try store.records(in: Attendance.collection, where: Attendance.Field.participantID,
                                                    equals: .string(id))
                let kept = try attendances.filter {
                    try store.state(collection: Honorarium.collection, id: Honorarium.id(attendanceID: $0.id)) != nil
                }.count
                return ErasureReport(clearedFields: cleared.sorted(), deletedPayee: deletedPayee, keptHonoraria: kept)
            }
        }
        try locked { try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        return report
    }

    /// Deletes the payee record of a participant that is erased or deleted, as a write of
    /// the server's replica (`WritePath.erasure`): the tombstone reaches the coordinators'
    /// devices at their next sync and clears the identity number and account there too.
    /// Runs inside the caller's lock and transaction.
    /// - Returns: whether a live payee record was deleted.
    @discardableResult
    func deletePayee(ofParticipant participantID: String) throws -> Bool {
        let id = Payee.id(participantID: participantID)
        guard let payee = try store.state(collection: Payee.collection, id: id), !payee.isDeleted else { return false }
        var gone = payee
        _ = gone.delete(by: .server, at: try server.nextServerTime())
        if let refusal = server.admit(gone, before: payee, by: .erasure) {
            throw SyncServerError(AdminErrorCode.invalidValue, "The payee's delete is refused: \(refusal.message)")
        }
        try server.commit(gone, previous: payee, created: false)
        return true
    }
}
