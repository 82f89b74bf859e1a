import ReplicaStore
import SQLite
import SyncCore

/// Ids an admin may shorten, as listings show them: each room resolves its own.
enum ShortIDs {
    /// The shortest prefix an admin may give for an id.
    static let minimum = 4
}

extension DeviceRegistry {
    /// The device whose id is `text`, or starts with it (`dev-` may be left out), as
    /// `device list` shows them; at least 4 characters after `dev-`.
    /// - Throws: `not_found`; `ambiguous_id` with `suggestions` when several match.
    public func deviceID(matching text: String) throws(SyncServerError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let prefix = trimmed.hasPrefix("dev-") ? trimmed : "dev-" + trimmed
        let found: [String] = try locked {
            try store.connection.query("SELECT id FROM device WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                                       [.text(prefix), .text(prefix + "\u{10FFFF}")]) { try $0.text(at: 0) }
        }
        return try ShortIDs.unique(found, exact: prefix, given: prefix.dropFirst(4).count)
    }
}

extension RecordsOffice {
    /// The record of `collection` whose id is `text`, or starts with it, as listings show
    /// ids shortened; at least 4 characters.
    /// - Throws: `not_found`; `ambiguous_id` with `suggestions` when several match.
    public func recordID(in collection: String, matching text: String) throws(SyncServerError) -> String {
        let prefix = text.trimmingCharacters(in: .whitespaces)
        let found: [String] = try locked { try store.ids(in: collection, withPrefix: prefix, limit: 6) }
        return try ShortIDs.unique(found, exact: prefix, given: prefix.count)
    }
}

extension ConflictDesk {
    /// A conflict id `collection/id` whose id part may be shortened.
    public func conflictID(matching text: String) throws(SyncServerError) -> String {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return text } // the conflict's own check words the error
        return "\(parts[0])/" + (try RecordsOffice(server).recordID(in: String(parts[0]), matching: String(parts[1])))
    }
}

extension ShortIDs {
    fileprivate static func unique(_ found: [String], exact: String, given: Int) throws(SyncServerError) -> String {
        if found.contains(exact) { return exact }
        guard given >= minimum, let only = found.first else {
            throw SyncServerError(AdminErrorCode.notFound, "No such id.")
        }
        guard found.count == 1 else {
            throw SyncServerError(AdminErrorCode.ambiguousID, "Several ids start so; give more characters.",
                                  extra: ["suggestions": .array(found.prefix(5).map(JSONValue.string))])
        }
        return only
    }
}
