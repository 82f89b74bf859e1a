import ForumModel
import Messages
import SyncCore
import SyncServer

extension AdminText {
    /// The table of `forum-server audit`: time (Stockholm), who, what, on which id.
    public static func audit(_ entries: [RecordsOffice.AuditEntry], _ l: Localizer) -> String {
        guard !entries.isEmpty else { return l["server.audit.none"] }
        let header = ["time", "actor", "action", "subject"].map { l[MessageKey("server.audit.column.\($0)")] }
        return table(header, entries.map { entry in
            [time(entry.atMillis, l), entry.actor, l[MessageKey("server.audit.action.\(entry.action)")], entry.subject]
        })
    }

    /// `forum-server audit --json`: `[{"at":ms,"actor","action","subject"}]`.
    public static func auditJSON(_ entries: [RecordsOffice.AuditEntry]) -> String {
        JSONWriter.string(.array(entries.map { entry in
            .object(["at": .integer(entry.atMillis), "actor": .string(entry.actor), "action": .string(entry.action),
                     "subject": .string(entry.subject)])
        }))
    }
}
