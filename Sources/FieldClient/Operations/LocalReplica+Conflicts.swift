import ForumModel
import ReplicaStore
import SyncCore

/// An open conflict on this device, with what a person needs to settle it.
public struct OpenConflict: Sendable {
    /// Who wrote a value.
    public enum Writer: Equatable, Sendable {
        /// This device.
        case thisDevice
        /// The administrator, on the server.
        case administrator
        /// Another device, by its replica id.
        case device(String)
    }

    /// One of the values in conflict and its write.
    public struct Value: Sendable {
        /// The write as stored (value, dot, time).
        public let entry: FieldEntry
        /// Who wrote it.
        public let writer: Writer
    }

    /// One field in conflict; `RecordState.deletedField` when a delete met an update.
    public struct Field: Sendable {
        /// The field's name.
        public let name: String
        /// The values, as stored.
        public let values: [Value]
        /// Whether this is a delete against an update rather than two values.
        public var isDelete: Bool { name == RecordState.deletedField }
    }

    /// The record's collection.
    public let collection: String
    /// The record's id.
    public let id: String
    /// Whether the record is an anonymous participant (shown marked, never pseudonymised
    /// here: the people on this device may read the records it holds).
    public let anonymous: Bool
    /// The fields in conflict.
    public let fields: [Field]
    /// The record as stored.
    public let state: RecordState
}

extension LocalReplica {
    /// Open conflicts on this device: every field in conflict with every value and who
    /// wrote it (this device, the administrator, or another device). Review flags are not
    /// conflicts and are left out. What `forum conflicts` and the app's conflict page show.
    ///
    /// - Throws: `storage_error`.
    public func openConflicts(limit: Int = 1000) throws(ClientError) -> [OpenConflict] {
        let summaries: [ConflictSummary]
        do { summaries = try store.conflicts(.init(includeReviewFlags: false), limit: limit) } catch {
            throw ClientError.storage(error)
        }
        return summaries.compactMap { summary -> OpenConflict? in
            guard let state = try? state(collection: summary.collection, id: summary.id) else { return nil }
            let anonymous = summary.collection == Participant.collection && ((try? Participant(state))?.anonymous ?? false)
            let fields = state.conflicts.map { conflict -> OpenConflict.Field in
                let (name, entries): (String, [FieldEntry]) = switch conflict {
                case .field(let name, let entries): (name, entries)
                case .deleteVersusUpdate(let deletes, _): (RecordState.deletedField, deletes)
                }
                return OpenConflict.Field(name: name, values: entries.map { .init(entry: $0, writer: writer(of: $0)) })
            }
            return OpenConflict(collection: summary.collection, id: summary.id, anonymous: anonymous, fields: fields, state: state)
        }
    }

    /// Settles a field in conflict by writing the chosen value again: the new write
    /// supersedes every value it has seen, as any local edit does, and goes to the server
    /// at the next sync. Passes the same rules as every local write.
    ///
    /// - Throws: `not_found` when the record has no such conflict, `refused`, `storage_error`.
    @discardableResult
    public func settleConflict(collection: String, id: String, field: String, keeping value: JSONValue) throws(ClientError) -> RecordState {
        guard let current = try state(collection: collection, id: id),
              current.conflicts.contains(where: { if case .field(let name, let entries) = $0 { name == field && entries.contains { $0.value == value } } else { false } })
        else { throw ClientError(.notFound, "no such conflict") }
        return try write(collection: collection, id: id, values: [field: value])
    }

    private func writer(of entry: FieldEntry) -> OpenConflict.Writer {
        entry.dot.replica == replica ? .thisDevice : entry.dot.replica == .server ? .administrator : .device(entry.dot.replica.rawValue)
    }
}
