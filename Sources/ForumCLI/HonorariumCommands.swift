import FieldClient
import ForumModel
import Foundation
import Messages
import SyncCore

/// `forum honorarium list|approve|decline|waive|pay|correct|approve-all`.
///
/// Every change goes through the local replica, which checks it with the domain's rules:
/// a facilitator is refused here with the same message the server would give.
enum HonorariumCommands {
    struct Row {
        let honorarium: Honorarium
        let state: RecordState
        let forum: Forum
        let name: String
        /// The participant is anonymous: the real name is shown (payment needs it) but
        /// marked, so no one copies it into minutes or reports by mistake.
        let anonymous: Bool
    }

    /// Honoraria with their forum and participant, optionally filtered.
    static func rows(_ context: CommandContext, status: HonorariumStatus?, municipality: String?) throws -> [Row] {
        let replica = try context.replica()
        let lookup = replica.lookup
        let states: [RecordState]
        if let status {
            states = (try? replica.store.records(in: Honorarium.collection, where: Honorarium.Field.status,
                                                 equals: .string(status.rawValue), limit: 100_000)) ?? []
        } else {
            states = StoreLookup.all(replica, Honorarium.collection)
        }
        return states.compactMap { state -> Row? in
            guard let honorarium = try? Honorarium(state),
                  let attendance = lookup.live(collection: Attendance.collection, id: honorarium.attendanceID).flatMap({ try? Attendance($0) }),
                  let forum = lookup.live(collection: Forum.collection, id: attendance.forumID).flatMap({ try? Forum($0) }),
                  municipality.map({ $0 == forum.municipality || $0 == honorarium.payerMunicipality }) ?? true else { return nil }
            let person = lookup.state(collection: Participant.collection, id: attendance.participantID)
            let name = person?[Participant.Field.displayName]?.stringValue ?? ""
            let anonymous = person.flatMap({ try? Participant($0) })?.anonymous == true
            return Row(honorarium: honorarium, state: state, forum: forum, name: name, anonymous: anonymous)
        }.sorted { ($0.forum.start, $0.name, $0.state.id) < ($1.forum.start, $1.name, $1.state.id) }
    }

    static func list(_ context: CommandContext) throws {
        let status = try context.arguments.choice("status", from: HonorariumStatus.allCases.map(\.rawValue),
                                                  names: DomainBridge.names(HonorariumStatus.allCases, \.messageKey))
            .flatMap(HonorariumStatus.init(rawValue:))
        let rows = try rows(context, status: status, municipality: context.arguments.string("municipality"))
        if context.json {
            context.printJSON(.array(rows.map { row in
                ["id": .string(row.state.id), "forum": .string(row.forum.id), "forumTitle": .string(row.forum.title),
                 "name": .string(row.name), "anonymous": .bool(row.anonymous), "amount": .integer(row.honorarium.amount),
                 "status": .string(row.honorarium.status.rawValue), "payer": .string(row.honorarium.payerMunicipality),
                 "conflict": .bool(row.state.hasConflict)]
            }))
            return
        }
        guard !rows.isEmpty else { context.say(context.t("client.honorarium.none")); return }
        context.terminal.out(TextTable.render(
            header: ["client.col.id", "client.col.start", "client.col.forum", "client.col.name", "client.col.amount",
                     "client.col.status"].map { context.t($0) },
            rows: rows.map { row in
                [RecordResolver.short(row.state.id), context.show(row.forum.start, style: .date), row.forum.title,
                 row.name + (row.anonymous ? " " + context.t("client.honorarium.anonymous_mark") : ""),
                 context.kronor(row.honorarium.amount),
                 DomainBridge.status(row.honorarium.status, context.language) + (row.state.hasConflict ? " (!)" : "")]
            }, rightAligned: [4]))
    }

    /// approve, decline, waive, pay, correct.
    static func change(_ context: CommandContext, action: String) throws {
        let arguments = context.arguments
        let state = try RecordResolver(context: context).honorarium(arguments.string("honorarium") ?? "")
        let honorarium = try Honorarium(state)
        let values: [String: JSONValue]
        switch action {
        case "approve":
            values = honorarium.approvalFields()
        case "decline":
            guard let reason = arguments.string("reason") else { throw ForumCommands.required(context, "reason") }
            values = honorarium.declineFields(reason: reason)
        case "waive":
            values = [Honorarium.Field.status: .string(HonorariumStatus.waived.rawValue)]
        case "pay":
            let day = try payDay(context)
            let method = try arguments.choice("method", from: PaymentMethod.allCases.map(\.rawValue))
                .flatMap(PaymentMethod.init(rawValue:)) ?? .bankTransfer
            values = honorarium.paymentFields(paidDate: day, method: method, reference: arguments.string("reference"))
        default: // correct
            guard let amount = try arguments.int("amount", in: 0...1_000_000).map(Int64.init) else {
                throw ForumCommands.required(context, "amount")
            }
            var changed: [String: JSONValue] = [Honorarium.Field.amount: .integer(amount)]
            if honorarium.status == .approved { changed[Honorarium.Field.approvedAmount] = .integer(amount) }
            if honorarium.status.isFinal {
                guard let reason = arguments.string("reason") else { throw ForumCommands.required(context, "reason") }
                changed.merge(Honorarium.correctionFields(reason: reason, at: Date())) { $1 }
                if honorarium.status == .paid { changed[Honorarium.Field.paidAmount] = .integer(amount) }
            }
            values = changed
        }
        let after = try context.write { replica throws(ClientError) in
            try replica.write(collection: Honorarium.collection, id: state.id, values: values)
        }
        let shown = (try? Honorarium(after)) ?? honorarium
        context.say(context.t("client.honorarium.changed", [
            "id": RecordResolver.short(state.id), "status": DomainBridge.status(shown.status, context.language),
            "amount": context.kronor(shown.amount)]))
    }

    /// Approves every proposed honorarium of a forum that the rules allow, and says which
    /// it skipped and why (someone marked absent). A forum not held is refused as a whole,
    /// with the reason the rules give for each of its honoraria (`HonorariumApproval`).
    static func approveAll(_ context: CommandContext) throws {
        let forumState = try RecordResolver(context: context).forum(context.arguments.string("forum") ?? "")
        let outcome = try context.write { replica throws(ClientError) in try replica.approveAll(forumID: forumState.id) }
        let lookup = try context.replica().lookup
        let language = context.language
        let skipped = outcome.skipped.map { item -> (id: String, name: String, reason: String) in
            let person = lookup.state(collection: Participant.collection, id: item.participantID)
            let anonymous = person.flatMap { try? Participant($0) }?.anonymous == true
            let name = (person?[Participant.Field.displayName]?.stringValue ?? "")
                + (anonymous ? " " + context.t("client.honorarium.anonymous_mark") : "")
            let reason = item.reason.code == .absentAttendance ? context.t("client.honorarium.skip_absent") : item.reason.message(language)
            return (RecordResolver.short(item.honorariumID), name, reason)
        }
        context.say(context.t("client.honorarium.approved_all", ["count": String(outcome.approved)]))
        guard !skipped.isEmpty else { return }
        context.say(context.t("client.honorarium.skipped", ["count": String(skipped.count)]))
        for item in skipped.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }) {
            context.say("  " + context.t("client.honorarium.skipped_line", ["id": item.id, "name": item.name, "reason": item.reason]))
        }
    }

    /// `--date` as `YYYY-MM-DD` (today in Stockholm when not given).
    static func payDay(_ context: CommandContext) throws -> String {
        guard let text = context.arguments.string("date") else {
            return StockholmTime.format(Date(), style: .date, language: context.language)
        }
        let day = text.trimmingCharacters(in: .whitespaces)
        guard RecordTime.isValidDay(day) else {
            throw context.arguments.invalidValue("date", reason: context.localizer["time.error.invalid_format"])
        }
        return day
    }
}
