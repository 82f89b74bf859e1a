import FieldClient
import ForumModel
import SyncCore

/// `forum attend` and `forum absent`.
enum AttendanceCommands {
    /// Records a participant at a forum and, unless told otherwise, proposes the forum's
    /// default honorarium, both in one transaction (`LocalReplica.attend`).
    static func attend(_ context: CommandContext) throws {
        let arguments = context.arguments
        let resolver = RecordResolver(context: context)
        let forumState = try resolver.forum(arguments.string("forum") ?? "")
        let participantState = try resolver.participant(arguments.string("participant") ?? "")
        let forum = try Forum(forumState)
        let role = try arguments.choice("role", from: AttendanceRole.allCases.map(\.rawValue))
            .flatMap(AttendanceRole.init(rawValue:)) ?? .participant
        let amount = try arguments.int("amount", in: 0...1_000_000).map(Int64.init)
        let outcome = try context.write { replica throws(ClientError) in
            try replica.attend(forum: forum, participantID: participantState.id, role: role, amount: amount,
                               withHonorarium: !arguments.flag("no-honorarium"))
        }
        let honorariumNote = outcome.proposed.map {
            " " + context.t("client.attend.honorarium", ["amount": context.kronor($0)])
        } ?? ""
        context.say(context.t("client.attend.done", ["forum": forum.title, "role": DomainBridge.role(role, context.language)]) + honorariumNote)
        for note in outcome.notes {
            switch note {
            case .staysDeclined: context.say(context.t("client.attend.stays_declined"))
            case .staysWaived: context.say(context.t("client.attend.stays_waived"))
            case .proposedAgain(let amount):
                context.say(context.t("client.attend.honorarium_again", ["amount": context.kronor(amount)]))
            }
        }
    }

    /// Marks a participant absent. Their honorarium is left as it is, and the rules make
    /// it follow (`HonorariumApproval`): a proposal is no longer approvable and is flagged
    /// for the coordinator, as is one already approved or paid; this says which.
    static func absent(_ context: CommandContext) throws {
        let resolver = RecordResolver(context: context)
        let forumState = try resolver.forum(context.arguments.string("forum") ?? "")
        let participantState = try resolver.participant(context.arguments.string("participant") ?? "")
        let honorarium = try context.write { replica throws(ClientError) in
            try replica.markAbsent(forumID: forumState.id, participantID: participantState.id)
        }
        context.say(context.t("client.absent.done"))
        guard let honorarium else { return }
        switch honorarium.status {
        case .proposed:
            context.say(context.t("client.absent.proposed_flagged", ["amount": context.kronor(honorarium.amount)]))
        case .approved, .paid:
            context.say(context.t("client.absent.approved_flagged"))
        case .declined, .waived:
            break
        }
    }
}
