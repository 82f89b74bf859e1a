import ForumModel
import ReplicaStore
import SyncCore

/// An open conflict on this device, with what a person needs to settle it: the package's one
/// conflict view (`FieldConflict`, `ConflictOption`), built by `ConflictDetail.fields` as
/// the server builds it for the admin, with the values as stored (the people on this device
/// may read the records it holds) and writers named as this device, the server, or unknown
/// (another device, by its replica id).
public struct OpenConflict: Sendable {
    /// The record's collection.
    public let collection: String
    /// The record's id.
    public let id: String
    /// Whether the record is an anonymous participant (shown marked, never pseudonymised
    /// here: the people on this device may read the records it holds).
    public let anonymous: Bool
    /// The fields in conflict, every value with its writer.
    public let fields: [FieldConflict]
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
            let fields = ConflictDetail.fields(of: state, shownAs: state) { writer in
                writer == replica ? .thisDevice : writer == .server ? .server : nil
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
}
