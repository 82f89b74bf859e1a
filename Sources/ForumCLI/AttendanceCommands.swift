import FieldClient
import ForumModel
import SyncCore

/// `forum attend` and `forum absent`.
enum AttendanceCommands {
    /// Records a participant at a forum and, unless told otherwise, proposes the forum's
    /// default honorarium, both in one transaction.
    static func attend(_ context: CommandContext) throws {
        let arguments = context.arguments
        let resolver = RecordResolver(context: context)
        let forumState = try resolver.forum(arguments.string("forum") ?? "")
        let participantState = try resolver.participant(arguments.string("participant") ?? "")
        let forum = try Forum(forumState)
        let role = try arguments.choice("role", from: AttendanceRole.allCases.map(\.rawValue))
            .flatMap(AttendanceRole.init(rawValue:)) ?? .participant
        let attendance = Attendance(forumID: forum.id, participantID: participantState.id, role: role)
        let amount = try arguments.int("amount", in: 0...1_000_000).map(Int64.init)
        let proposed = arguments.flag("no-honorarium") ? nil : (amount ?? (forum.defaultHonorariumKronor > 0 ? forum.defaultHonorariumKronor : nil))
        var honorariumNote = ""
        var notes: [String] = []
        try context.write { replica throws(ClientError) in
            try replica.transaction { () throws(ClientError) in
                let previous = try replica.state(collection: Attendance.collection, id: attendance.id)
                let wasAbsent = previous.map { !$0.isDeleted && $0[Attendance.Field.present] == .bool(false) } ?? false
                try replica.write(collection: Attendance.collection, id: attendance.id, values: attendance.fields)
                guard let proposed else { return }
                let id = Honorarium.id(attendanceID: attendance.id)
                if let existing = try replica.state(collection: Honorarium.collection, id: id), !existing.isDeleted {
                    // The honorarium follows the attendance by the rules (`HonorariumApproval`):
                    // a proposal is approvable again now; a decision stays as it was.
                    let status = (try? Honorarium(existing))?.status
                    if status == .declined { notes.append(context.t("client.attend.stays_declined")) }
                    if status == .waived { notes.append(context.t("client.attend.stays_waived")) }
                    // Already proposed: only an explicit amount changes it.
                    guard amount != nil else {
                        if wasAbsent, status == .proposed, let shown = existing[Honorarium.Field.amount]?.integerValue {
                            notes.append(context.t("client.attend.honorarium_again",
                                                   ["amount": KronorFormatBridge.amount(shown, context.language)]))
                        }
                        return
                    }
                    try replica.write(collection: Honorarium.collection, id: id, values: [Honorarium.Field.amount: .integer(proposed)])
                } else {
                    let honorarium = Honorarium(attendanceID: attendance.id, amount: proposed, payerMunicipality: forum.payingMunicipality)
                    try replica.write(collection: Honorarium.collection, id: id, values: honorarium.fields)
                }
                honorariumNote = " " + context.t("client.attend.honorarium", ["amount": KronorFormatBridge.amount(proposed, context.language)])
            }
        }
        context.say(context.t("client.attend.done", ["forum": forum.title, "role": DomainBridge.role(role, context.language)]) + honorariumNote)
        for note in notes { context.say(note) }
    }

    /// Marks a participant absent. Their honorarium is left as it is, and the rules make
    /// it follow (`HonorariumApproval`): a proposal is no longer approvable and is flagged
    /// for the coordinator, as is one already approved or paid; this says which.
        static func absent(_ context: CommandContext) throws {
        let resolver = RecordResolver(context: context)
        let forumState = try resolver.forum(context.arguments.string("forum") ?? "")
        let participantState = try resolver.participant(context.arguments.string("participant") ?? "")
        let id = Attendance.id(forumID: forumState.id, participantID: participantState.id)
        try context.write { replica throws(ClientError) in
            if let existing = try replica.state(collection: Attendance.collection, id: id), !existing.isDeleted {
                try replica.write(collection: Attendance.collection, id: id, values: [Attendance.Field.present: .bool(false)])
            } else {
                let attendance = Attendance(forumID: forumState.id, participantID: participantState.id, role: .participant, present: false)
                try replica.write(collection: Attendance.collection, id: id, values: attendance.fields)
            }
        }
        context.say(context.t("client.absent.done"))
        let replica = try context.replica()
        guard let state = replica.lookup.live(collection: Honorarium.collection, id: Honorarium.id(attendanceID: id)),
              let honorarium = try? Honorarium(state) else { return }
        switch honorarium.status {
        case .proposed:
            context.say(context.t("client.absent.proposed_flagged", ["amount": KronorFormatBridge.amount(honorarium.amount, context.language)]))
        case .approved, .paid:
            context.say(context.t("client.absent.approved_flagged"))
        case .declined, .waived:
            break
        }
    }
}
