import SQLite
import SyncCore
import SyncProtocol

extension LocalReplica {
    /// Notes that personal data left this laptop (a payment list, a report, the replica),
    /// to be reported to the server's audit trail at the next sync (PROTOCOL.md §13a).
    /// - Parameter subject: what it concerned, as ids, municipality and period: never a
    ///   name or a field value (`DeviceAuditEvent.isValidSubject`).
    public func noteExport(_ action: DeviceAuditAction, subject: String) throws(ClientError) {
        guard DeviceAuditEvent.isValidSubject(subject) else {
            throw ClientError(.protocolError, "an audit subject holds more than ids and periods")
        }
        do {
            try store.connection.execute("INSERT INTO client_audit_outbox (id, action, at, subject) VALUES (?, ?, ?, ?)",
                                         [.text(RecordID.random()), .text(action.rawValue), .integer(wallClock()), .text(subject)])
        } catch { throw ClientError.storage(error) }
    }

    /// Events not reported yet, oldest first, at most `limit`.
    public func unreportedEvents(limit: Int = AuditReport.maxEvents) throws(ClientError) -> [DeviceAuditEvent] {
        do {
            return try store.connection.query("SELECT id, action, at, subject FROM client_audit_outbox ORDER BY at, id LIMIT ?",
                                              [.integer(Int64(max(1, limit)))]) { row in
                DeviceAuditEvent(id: try row.text(at: 0), action: DeviceAuditAction(rawValue: try row.text(at: 1)) ?? .replicaExport,
                                 atMillis: try row.int64(at: 2), subject: try row.text(at: 3))
            }
        } catch { throw ClientError.storage(error) }
    }

    /// Drops events the server has recorded.
    func markReported(_ events: [DeviceAuditEvent]) throws(ClientError) {
        do {
            try store.transaction {
                for event in events {
                    try store.connection.execute("DELETE FROM client_audit_outbox WHERE id = ?", [.text(event.id)])
                }
            }
        } catch { throw ClientError.storage(error) }
    }
}
