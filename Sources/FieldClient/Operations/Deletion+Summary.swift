import ForumModel
import Messages

extension Deletion {
    /// What the delete of a record of `collection` takes with it, in words: "the
    /// participant, 2 attendance records, 1 unpaid honoraria". `forum … delete` and the
    /// app's confirmation page say this.
    public func summary(of collection: String, _ language: Language) -> String {
        let l = Localizer(language: language)
        var parts = [l[MessageKey("client.delete.the_\(collection)")]]
        if collection != Attendance.collection, case let count = count(of: Attendance.collection), count > 0 {
            parts.append(l["client.delete.attendances", ["count": String(count)]])
        }
        if case let count = count(of: Honorarium.collection), count > 0 {
            parts.append(l["client.delete.honoraria", ["count": String(count)]])
        }
        return parts.joined(separator: ", ")
    }
}
