import Messages
import ReplicaStore
import SyncCore

extension ServerDatabase {
    /// Records with open conflicts and review flags, oldest first, labelled for the admin.
    public func conflicts(language: Language, limit: Int = 1000) throws(SyncServerError) -> [ConflictListing] {
        try locked {
            try store.conflicts(limit: limit).compactMap { summary in
                guard let state = try store.state(collection: summary.collection, id: summary.id) else { return nil }
                return listing(collection: summary.collection, id: summary.id, fields: summary.fields,
                               reviewFlags: summary.reviewFlags, since: summary.sinceMillis, state: state, language: language)
            }
        }
    }

    /// One record's conflict with every value side by side, or `not_found`.
    /// - Parameter conflictID: `collection/id`.
    public func conflict(_ conflictID: String, language: Language) throws(SyncServerError) -> ConflictDetail {
        let (collection, id) = try Self.splitConflictID(conflictID)
        return try locked {
            guard let state = try store.state(collection: collection, id: id) else { throw SyncServerError.notFound("record") }
            var result = ConflictDetail(listing: listing(collection: collection, id: id,
                                                         fields: state.conflicts.map(Self.conflictField),
                                                         reviewFlags: [], since: 0, state: state, language: language),
                                        fields: [])
            if let flagged = try store.conflicts(ReplicaStore.ConflictFilter(collection: collection), limit: 100_000)
                .first(where: { $0.id == id }) {
                result.listing.reviewFlags = flagged.reviewFlags
                result.listing.sinceMillis = flagged.sinceMillis
            }
            let view = policy.adminView(of: state, lookup: lookup, language: language)
            let writers = try writerNames()
            for conflict in state.conflicts {
                let field = Self.conflictField(conflict)
                let entries = view.fields[field]?.entries ?? []
                result.fields.append(FieldConflictView(field: field, values: entries.map { entry in
                    let writer = writers[entry.dot.replica.rawValue]
                    return ConflictValue(valueID: entry.dot.description, value: JSONWriter.string(entry.value),
                                         replica: entry.dot.replica.rawValue, writerName: writer?.name,
                                         writerRole: writer?.role, writtenMillis: entry.time.wallMillis)
                }))
            }
            return result
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
            try writeTransaction {
                guard var state = try store.state(collection: collection, id: id) else { throw SyncServerError.notFound("record") }
                // The server's next dot must not be one it acknowledged before a restore and
                // forgot: wait until the devices have re-offered the record.
                if let shadow = try ledger.shadow(collection: collection, id: id),
                   shadow.context[.server] > state.context[.server] {
                    throw SyncServerError(AdminErrorCode.notRecovered,
                                          "The record is not recovered from before the restore yet; sync the devices first.")
                }
                let stored = state
                let time = try nextServerTime()
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
                if let refusal = admit(state, before: stored, by: .admin) {
                    throw SyncServerError(AdminErrorCode.invalidValue, "The resolution is refused: \(refusal.message)",
                                          extra: ["reason": .string(refusal.code),
                                                  "parameters": JSONValue(object: refusal.parameters.mapValues(JSONValue.string))])
                }
                try commit(state, previous: stored, created: false)
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

    private func listing(collection: String, id: String, fields: [String], reviewFlags: [String], since: Int64,
                         state: RecordState, language: Language) -> ConflictListing {
        ConflictListing(conflictID: "\(collection)/\(id)", collection: collection, id: id,
                        label: policy.adminLabel(of: state, lookup: lookup, language: language),
                        fields: fields, reviewFlags: reviewFlags, sinceMillis: since)
    }

    /// Device names and roles by replica id, plus the server itself.
    private func writerNames() throws -> [String: (name: String, role: String)] {
        var names: [String: (name: String, role: String)] = [ReplicaID.server.rawValue: ("server", "server")]
        for row in try store.connection.query("SELECT id, name, role FROM device", row: {
            (try $0.text(at: 0), try $0.text(at: 1), try $0.text(at: 2))
        }) { names[row.0] = (row.1, row.2) }
        return names
    }

    static func conflictField(_ conflict: RecordConflict) -> String {
        switch conflict {
        case .field(let name, _): name
        case .deleteVersusUpdate: RecordState.deletedField
        }
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
