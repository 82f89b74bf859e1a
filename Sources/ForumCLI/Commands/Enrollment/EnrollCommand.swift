import ArgumentParsing
import FieldClient
import Foundation
import Messages

/// `forum enroll URL CODE`: the one-time code from the administrator becomes this
/// device's identity, token and role.
struct EnrollCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("enroll", abstract: l["client.cmd.enroll"], arguments: [
            .positional("url", valueName: l["cli.value.url"], help: l["client.help.url"]),
            .positional("code", valueName: l["cli.value.code"], help: l["client.help.code"]),
            .option("ca-file", valueName: l["cli.value.file"], help: l["client.help.ca_file"]),
        ])
    }

    let url: String
    let code: String
    /// `--ca-file`, made absolute: the profile is used from any working directory.
    let caFile: String?

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        url = try arguments.required("url", l)
        code = try arguments.required("code", l)
        caFile = arguments.string("ca-file").map { path in
            path.hasPrefix("/") ? path
                : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                    .standardizedFileURL.path
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        if ClientProfile.exists(at: context.location.configPath) { return try reenrol(context) }
        let profile: ClientProfile
        do {
            profile = try Enrollment.enroll(serverURL: url, code: code, location: context.location,
                                            configuration: context.configuration, caFile: caFile)
        } catch {
            if error.code == .unauthorized { throw CommandFailure(context.t("client.enroll.invalid_code")) }
            if error.code == .alreadyEnrolled {
                throw CommandFailure(context.t("client.enroll.already", ["path": context.location.configPath]))
            }
            throw context.failure(error)
        }
        // Create the replica now, so a later failure to open it shows up here rather than at a venue.
        _ = try context.replica()
        context.say(context.t("client.enroll.done", [
            "replica": profile.replica.rawValue, "role": context.roleName(profile.role),
            "municipalities": profile.municipalities.joined(separator: ", "),
        ]))
        return .success
    }

    /// Enrolment on a data directory that holds a profile: the new identity keeps the old
    /// one's unsynced work (`Reenrolment`).
    func reenrol(_ context: CommandContext) throws -> ExitCode {
        let outcome: Reenrolment.Outcome
        do {
            outcome = try Reenrolment.reenrol(serverURL: url, code: code, location: context.location,
                                              configuration: context.configuration, caFile: caFile)
        } catch {
            if error.code == .unauthorized { throw CommandFailure(context.t("client.enroll.invalid_code")) }
            throw context.failure(error)
        }
        let profile = outcome.profile
        context.say(context.t("client.enroll.done", [
            "replica": profile.replica.rawValue, "role": context.roleName(profile.role),
            "municipalities": profile.municipalities.joined(separator: ", "),
        ]))
        guard outcome.kept > 0 else { return .success }
        context.say(context.t("client.enroll.kept", ["count": String(outcome.handover.written)]))
        for refused in outcome.handover.refused {
            context.say(context.refusedLine(refused, key: "client.import.refused_line"))
        }
        if !outcome.pulled { context.say(context.t("client.enroll.not_pulled")) }
        return .success
    }
}
