import AdminDashboard
import ForumModel
import Messages
import ReplicaStore
import SyncCore

/// Records with open conflicts or review flags, as the admin sees them: pages of listings,
/// one record in detail, and resolutions written through the write gate. A room of the
/// shared `ServerStore`.
public struct ConflictDesk: ServerRoom, Sendable {
    /// The shared store.
    public let server: ServerStore

    /// The room of `server` (also `server.conflictDesk`).
    public init(_ server: ServerStore) { self.server = server }
}

extension ConflictDesk {
    /// One page of records with open conflicts or review flags, oldest first, labelled for
    /// the admin, read through the store's partial indexes (one row more than asked, to tell
    /// whether more follow). The municipality filter uses the records' scope tags.
    public func conflicts(_ query: ConflictQuery, language: Language) throws(SyncServerError) -> ConflictPage {
        let limit = max(1, min(query.limit, 500))
        let filter = ReplicaStore.ConflictFilter(collection: query.collection, seenBeforeMillis: query.olderThanMillis,
                                                 tag: query.municipality.map(ServerStore.municipalityTag))
        return try locked {
            let summaries = try store.conflicts(filter, limit: limit + 1, offset: max(0, query.offset))
            var listings: [ConflictListing] = []
            for summary in summaries.prefix(limit) {
                guard let state = try store.state(collection: summary.collection, id: summary.id) else { continue }
                listings.append(listing(state, fields: summary.fields, reviewFlags: summary.reviewFlags,
                                        since: summary.sinceMillis, language: language))
            }
            return ConflictPage(rows: listings, hasMore: summaries.count > limit)
        }
    }

    /// Every record with an open conflict or review flags, oldest first, page by page.
    public func conflicts(language: Language) throws(SyncServerError) -> [ConflictListing] {
        var all: [ConflictListing] = []
        var query = ConflictQuery(limit: 500)
        while true {
            let page = try conflicts(query, language: language)
            all += page.rows
            guard page.hasMore else { return all }
            query.offset += query.limit
        }
    }

    /// One record in the admin's view: every conflicting value with its writer, review flags
    /// and the shown values; `nil` for an unknown record. A value the admin view hides
    /// entirely (an anonymous participant's contact) is listed with its id and no value.
    /// - Parameter conflictID: `collection/id`.
    public func conflict(_ conflictID: String, language: Language) throws(SyncServerError) -> ConflictDetail? {
        let (collection, id) = try Self.splitConflictID(conflictID)
        return try locked { () throws -> ConflictDetail? in
            guard let state = try store.state(collection: collection, id: id) else { return nil }
            let view = policy.adminView(of: state, lookup: lookup, language: language)
            let writers = try writerNames()
            let fields = ConflictDetail.fields(of: state, shownAs: view) { writers[$0.rawValue] }
            let review = try store.reviewInfo(collection: collection, id: id)
            return ConflictDetail(listing: listing(state, fields: fields.map(\.field), reviewFlags: review?.reviewFlags ?? [],
                                                   since: review?.sinceMillis ?? 0, language: language),
                                  fields: fields, currentValues: ConflictDetail.currentValues(of: view))
        }
    }

    /// How a conflict is settled.
    public enum Resolution: Sendable {
        /// Keep the value with this value id (a dot, `dev-ab12cd34:3`); for `_deleted` the
        /// dot of a delete confirms it. The special id `restore` restores a deleted record.
        case keep(String)
        /// Write this value.
        case value(JSONValue)
        /// Write the value a person typed, read as the field's declared type (an amount as
        /// whole kronor, a boolean as `true`/`false` or `ja`/`nej`, a text as it is).
        case text(String)
    }

    /// Resolves a field conflict as a server write, which devices receive at their next pull.
    ///
    /// The result passes the write gate like every other write: the field must be one the
    /// collection declares, the value of its type and within its limits, the record must
    /// have an open conflict (or review flag) to resolve.
    /// - Throws: `not_found`, `unknown_value`, `invalid_value` (with the domain's `reason`),
    ///   `storage_error`.
    public func resolve(_ conflictID: String, field: String, _ resolution: Resolution) throws(SyncServerError) {
        let (collection, id) = try Self.splitConflictID(conflictID)
        try locked {
            try server.writeTransaction {
                guard var state = try store.state(collection: collection, id: id) else { throw SyncServerError.notFound("record") }
                // The server's next dot must not be one it acknowledged before a restore and
                // forgot: wait until the devices have re-offered the record.
                if let shadow = try ledger.shadow(collection: collection, id: id),
                   shadow.context[.server] > state.context[.server] {
                    throw SyncServerError(AdminErrorCode.notRecovered,
                                          "The record is not recovered from before the restore yet; sync the devices first.")
                }
                let stored = state
                let time = try server.nextServerTime()
                switch resolution {
                case .keep("restore") where field == RecordState.deletedField:
                    try state.restore(by: .server, at: time)
                case .keep(let valueID):
                    guard let dot = Self.parseDot(valueID), state.fields[field]?.holds(dot) == true else {
                        throw SyncServerError(AdminErrorCode.unknownValue, "The field holds no value with that id.")
                    }
                    try state.resolve(field: field, keeping: dot, by: .server, at: time)
                case .value, .text:
                    guard field != RecordState.deletedField else {
                        throw SyncServerError(AdminErrorCode.invalidValue, "Resolve a delete with --keep (a delete's id or restore).")
                    }
                    let value: JSONValue
                    switch resolution {
                    case .value(let given): value = given
                    case .text(let text):
                        guard let parsed = policy.parseValue(text, collection: collection, field: field) else {
                            throw SyncServerError(AdminErrorCode.invalidValue, "The field cannot take that value.",
                                                  extra: ["reason": .string(policy.knowsField(collection: collection, field: field)
                                                      ? "invalid_field" : "unknown_field"),
                                                  "parameters": .object(["field": .string(field),
                                                                         "collection": .string(collection)])])
                        }
                        value = parsed
                    case .keep: return
                    }
                    do { try state.write([field: value], by: .server, at: time) } catch {
                        throw SyncServerError(AdminErrorCode.invalidValue, "The field cannot take that value.")
                    }
                }
                if let refusal = server.admit(state, before: stored, by: .admin) {
                    throw SyncServerError(AdminErrorCode.invalidValue, "The resolution is refused: \(refusal.message)",
                                          extra: ["reason": .string(refusal.code),
                                                  "parameters": JSONValue(object: refusal.parameters.mapValues(JSONValue.string))])
                }
                try server.commit(state, previous: stored, created: false)
                try audit(.conflictResolve, subject: "\(collection)/\(id)")
            }
        }
    }

    /// Open conflicts whose entries include a value written by each device, by device id.
    func pendingConflictCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for summary in try store.conflicts(ReplicaStore.ConflictFilter(includeReviewFlags: false), limit: 100_000) {
            guard let state = try store.state(collection: summary.collection, id: summary.id) else { continue }
            var replicas = Set<String>()
            for conflict in state.conflicts {
                switch conflict {
                case .field(_, let entries): entries.forEach { replicas.insert($0.dot.replica.rawValue) }
                case .deleteVersusUpdate(let deletes, let updated):
                    deletes.forEach { replicas.insert($0.dot.replica.rawValue) }
                    for name in updated { state.fields[name]?.entries.forEach { replicas.insert($0.dot.replica.rawValue) } }
                }
            }
            for replica in replicas { counts[replica, default: 0] += 1 }
        }
        return counts
    }

    private func listing(_ state: RecordState, fields: [String], reviewFlags: [String], since: Int64,
                         language: Language) -> ConflictListing {
        ConflictListing(conflictID: "\(state.collection)/\(state.id)", collection: state.collection,
                        label: policy.adminLabel(of: state, lookup: lookup, language: language),
                        municipality: policy.municipality(of: state, lookup: lookup),
                        fields: fields, reviewFlags: reviewFlags, sinceMillis: since)
    }

    /// Device names and roles by replica id, plus the server itself.
    private func writerNames() throws -> [String: ConflictWriter] {
        var names = [ReplicaID.server.rawValue: ConflictWriter.server]
        for row in try store.connection.query("SELECT id, name, role FROM device", row: {
            (try $0.text(at: 0), try $0.text(at: 1), try $0.text(at: 2))
        }) { names[row.0] = ConflictWriter(name: row.1, role: row.2) }
        return names
    }

    static func splitConflictID(_ text: String) throws(SyncServerError) -> (String, String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw SyncServerError(AdminErrorCode.invalidConflictID, "A conflict id is collection/id.")
        }
        return (parts[0], parts[1])
    }

    /// `replica:counter` → a dot; the replica may itself not contain `:`.
    static func parseDot(_ text: String) -> Dot? {
        guard let colon = text.lastIndex(of: ":"), let replica = ReplicaID(String(text[..<colon])),
              let counter = UInt64(text[text.index(after: colon)...]), counter >= 1 else { return nil }
        return Dot(replica: replica, counter: counter)
    }
}
