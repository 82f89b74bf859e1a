import Foundation
import SyncCore

extension Participant {
    /// Whether `name` matches a register search: `query` anywhere in it, ignoring case
    /// and diacritics; everything matches no query. `forum participant find` and the app's
    /// register search.
    public static func nameMatches(_ name: String, _ query: String?) -> Bool {
        guard let query, !query.isEmpty else { return true }
        return name.range(of: query, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }

    /// The fields that record consent given on `day` (`YYYY-MM-DD`), or withdrawn (the
    /// date removed with it).
    public static func consentFields(given: Bool, day: String) -> [String: JSONValue] {
        given ? [Field.consentGiven: .bool(true), Field.consentDate: .string(day)]
            : [Field.consentGiven: .bool(false), Field.consentDate: .null]
    }
}
