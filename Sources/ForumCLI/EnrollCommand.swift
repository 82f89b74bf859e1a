import FieldClient
import Foundation

/// `forum enroll URL CODE`: the one-time code from the administrator becomes this
/// device's identity, token and role.
enum EnrollCommand {
    static func run(_ context: CommandContext) throws {
        guard let url = context.arguments.string("url"), let code = context.arguments.string("code") else { return }
        let caFile = caFile(context)
        if ClientProfile.exists(at: context.location.configPath) {
            return try reenrol(context, url: url, code: code, caFile: caFile)
        }
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
    }

    /// Enrolment on a data directory that holds a profile: the new identity keeps the old
    /// one's unsynced work (`Reenrolment`).
    static func reenrol(_ context: CommandContext, url: String, code: String, caFile: String?) throws {
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
        guard outcome.kept > 0 else { return }
        context.say(context.t("client.enroll.kept", ["count": String(outcome.handover.written)]))
        for refused in outcome.handover.refused {
            context.say("  " + context.t("client.import.refused_line", [
                "kind": context.t("client.collection.\(refused.collection)"), "id": RecordResolver.short(refused.id),
                "reason": DomainBridge.reason(code: refused.code, parameters: refused.parameters,
                                              serverMessage: refused.message, context.language)]))
        }
        if !outcome.pulled { context.say(context.t("client.enroll.not_pulled")) }
    }

    /// `--ca-file`, made absolute: the profile is used from any working directory.
    static func caFile(_ context: CommandContext) -> String? {
        guard let path = context.arguments.string("ca-file") else { return nil }
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }
}
