import FieldClient
import ForumModel
import Foundation
import SyncCore

/// `forum forum add|list|edit|cancel`.
enum ForumCommands {
    /// How far back `list` shows past forums without `--all`, in seconds (30 days).
    static let recentWindowSeconds: TimeInterval = 30 * 86_400

    static func add(_ context: CommandContext) throws {
        let arguments = context.arguments
        guard let title = arguments.string("title") else { throw required(context, "title") }
        guard let start = try context.date("start") else { throw required(context, "start") }
        let end = try context.date("end") ?? start.addingTimeInterval(Forum.defaultDurationSeconds)
        let forum = Forum(id: RecordID.random(), municipality: try context.municipality(), title: title,
                          series: arguments.string("series"), kind: try kind(context) ?? .deltagarforum,
                          venue: arguments.string("venue"), start: start, end: end,
                          defaultHonorariumKronor: Int64(try arguments.int("amount", in: 0...1_000_000) ?? 0))
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Forum.collection, id: forum.id, values: forum.fields)
        }
        context.say(context.t("client.forum.added", ["id": RecordResolver.short(forum.id), "title": title]))
    }

    static func list(_ context: CommandContext) throws {
        let replica = try context.replica()
        let now = Date()
        let forums = StoreLookup.all(replica, Forum.collection).compactMap { try? Forum($0) }
            .filter { context.arguments.flag("all") || $0.end >= now.addingTimeInterval(-recentWindowSeconds) }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        if context.json {
            context.printJSON(.array(forums.map(json)))
            return
        }
        guard !forums.isEmpty else { context.say(context.t("client.forum.none")); return }
        let rows = forums.map { forum in
            [RecordResolver.short(forum.id), context.show(forum.start), forum.title, forum.municipality,
             DomainBridge.forumStatus(forum.status, context.language),
             // Those present: an absence recorded is no attendee.
             String(replica.lookup.attendances(forumID: forum.id).filter { (try? Attendance($0))?.present == true }.count)]
        }
        context.terminal.out(TextTable.render(header: ["client.col.id", "client.col.start", "client.col.title",
                                                       "client.col.municipality", "client.col.status",
                                                       "client.col.attendees"].map { context.t($0) },
                                              rows: rows, rightAligned: [5]))
    }

    static func edit(_ context: CommandContext) throws {
        let arguments = context.arguments
        let state = try RecordResolver(context: context).forum(arguments.string("forum") ?? "")
        let current = try Forum(state)
        var values: [String: JSONValue] = [:]
        if let title = arguments.string("title") { values[Forum.Field.title] = .string(title) }
        if let start = try context.date("start") { values[Forum.Field.start] = .string(RecordTime.string(start)) }
        if let end = try context.date("end") { values[Forum.Field.end] = .string(RecordTime.string(end)) }
        if let kind = try kind(context) { values[Forum.Field.kind] = .string(kind.rawValue) }
        if let venue = arguments.string("venue") { values[Forum.Field.venue] = .string(venue) }
        if let series = arguments.string("series") { values[Forum.Field.series] = .string(series) }
        if let amount = try arguments.int("amount", in: 0...1_000_000) { values[Forum.Field.defaultHonorarium] = .integer(Int64(amount)) }
        if let minutes = arguments.string("minutes") {
            // Anonymous attendees must not be named in the minutes: warn, and write only
            // when the facilitator confirms with --yes.
            let named = AnonymousNames.mentioned(in: minutes, forumID: state.id, lookup: try context.replica().lookup)
            if !named.isEmpty, !arguments.flag("yes") {
                throw CommandFailure(context.t("client.minutes.names_anonymous", ["count": String(named.count)]))
            }
            values[Forum.Field.minutes] = .string(minutes)
        }
        if let status = try arguments.choice("status", from: [ForumStatus.planned, .held].map(\.rawValue),
                                             names: DomainBridge.names(ForumStatus.allCases, \.messageKey)) {
            values[Forum.Field.status] = .string(status)
        }
        // Only the fields asked for are written: rewriting the others would silently
        // settle a conflict the user has not looked at.
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Forum.collection, id: state.id, values: values)
        }
        context.say(context.t("client.forum.updated", ["id": RecordResolver.short(state.id), "title": current.title]))
    }

    static func cancel(_ context: CommandContext) throws {
        let state = try RecordResolver(context: context).forum(context.arguments.string("forum") ?? "")
        try context.write { replica throws(ClientError) in
            try replica.write(collection: Forum.collection, id: state.id,
                              values: [Forum.Field.status: .string(ForumStatus.cancelled.rawValue)])
        }
        context.say(context.t("client.forum.cancelled", ["id": RecordResolver.short(state.id)]))
    }

    static func kind(_ context: CommandContext) throws -> ForumKind? {
        try context.arguments.choice("kind", from: ForumKind.allCases.map(\.rawValue)).flatMap(ForumKind.init(rawValue:))
    }

    static func required(_ context: CommandContext, _ name: String) -> Error {
        context.arguments.invalidValue(name, reason: context.t("client.reason.required"))
    }

    static func json(_ forum: Forum) -> JSONValue {
        ["id": .string(forum.id), "title": .string(forum.title), "municipality": .string(forum.municipality),
         "kind": .string(forum.kind.rawValue), "status": .string(forum.status.rawValue),
         "start": .string(RecordTime.string(forum.start)), "end": .string(RecordTime.string(forum.end)),
         "venue": forum.venue.map(JSONValue.string) ?? .null, "series": forum.series.map(JSONValue.string) ?? .null,
         "defaultHonorarium": .integer(forum.defaultHonorariumKronor)]
    }
}

extension StoreLookup {
    /// Live records of a collection.
    static func all(_ replica: LocalReplica, _ collection: String) -> [RecordState] {
        replica.lookup.states(collection: collection).filter { !$0.isDeleted }
    }
}
