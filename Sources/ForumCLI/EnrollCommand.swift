import FieldClient

/// `forum enroll URL CODE`: the one-time code from the administrator becomes this
/// device's identity, token and role.
enum EnrollCommand {
    static func run(_ context: CommandContext) throws {
        guard let url = context.arguments.string("url"), let code = context.arguments.string("code") else { return }
        let profile: ClientProfile
        do {
            profile = try Enrollment.enroll(serverURL: url, code: code, location: context.location,
                                            configuration: context.configuration)
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
            "replica": profile.replica.rawValue, "role": context.t("client.role.\(profile.role)"),
            "municipalities": profile.municipalities.joined(separator: ", "),
        ]))
    }
}
