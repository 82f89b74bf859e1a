import FieldApp
import FieldClient
import Foundation

/// `forum app`: the field app on 127.0.0.1 over this profile's replica (`FieldApp`).
enum AppCommand {
    static func run(_ context: CommandContext) throws {
        let profile = try context.profile()
        let replica = try context.replica()
        let port = try context.arguments.int("port", in: 0...65_535) ?? 0
        let app = FieldApp(replica: replica, profile: profile, language: context.language,
                           clientConfiguration: context.configuration, replicaPath: context.location.replicaPath)
        do {
            try app.serve(port: UInt16(port), openBrowser: !context.arguments.flag("no-browser")) { url in
                context.say(context.t("client.app.serving", ["url": url]))
                context.say(context.t("client.app.stop"))
            }
        } catch {
            throw CommandFailure(context.t("client.app.port_failed", ["port": String(port)]))
        }
    }
}
