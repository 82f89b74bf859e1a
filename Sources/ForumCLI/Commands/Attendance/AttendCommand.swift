import ArgumentParsing
import FieldClient
import ForumModel
import Messages
import SyncCore

/// `forum attend FORUM PARTICIPANT`: records a participant at a forum and, unless told
/// otherwise, proposes the forum's default honorarium, both in one transaction
/// (`LocalReplica.attend`).
struct AttendCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("attend", abstract: l["client.cmd.attend"], arguments: [
            SharedArguments.forum(l), SharedArguments.participant(l),
            .option("role", valueName: l["cli.value.role"],
                    help: l["client.help.attendance_role", ["roles": ChoiceList.either(AttendanceRole.allCases, l),
                                                            "default": defaultRole.rawValue]]),
            .flag("no-honorarium", help: l["client.help.no_honorarium"]),
            .option("amount", valueName: l["cli.value.kronor"], help: l["client.help.amount"]),
        ])
    }

    /// The forum's and the participant's ids or id prefixes.
    let forum: String
    let participant: String
    let role: AttendanceRole
    /// The honorarium proposed instead of the forum's default, in kronor.
    let amount: Int64?
    let withHonorarium: Bool

    /// The role recorded when `--role` is not given.
    static let defaultRole = AttendanceRole.participant

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        forum = try arguments.required("forum", l)
        participant = try arguments.required("participant", l)
        role = try arguments.choice("role", of: AttendanceRole.allCases) ?? Self.defaultRole
        amount = try arguments.int("amount", in: 0...SharedArguments.maximumKronor).map(Int64.init)
        withHonorarium = !arguments.flag("no-honorarium")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let resolver = RecordResolver(context: context)
        let forumState = try resolver.forum(forum)
        let participantState = try resolver.participant(participant)
        let forum = try Forum(forumState)
        let outcome = try context.write { replica throws(ClientError) in
            try replica.attend(forum: forum, participantID: participantState.id, role: role, amount: amount,
                               withHonorarium: withHonorarium)
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
        return .success
    }
}
