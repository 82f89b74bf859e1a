import ArgumentParsing
import FieldApp
import FieldClient
import Foundation
import Messages

/// `forum app`: the field app on 127.0.0.1 over this profile's replica (`FieldApp`).
struct AppCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("app", abstract: l["client.cmd.app"], discussion: l["client.help.app"], arguments: [
            .option("port", valueName: l["cli.value.port"], help: l["client.help.port"]),
            .flag("no-browser", help: l["client.help.no_browser"]),
        ])
    }

    /// The port to serve on; 0 lets the system choose a free one.
    let port: Int
    let openBrowser: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        port = try arguments.int("port", in: 0...65_535) ?? 0
        openBrowser = !arguments.flag("no-browser")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let profile = try context.profile()
        let replica = try context.replica()
        let app = FieldApp(replica: replica, profile: profile, language: context.language,
                           clientConfiguration: context.configuration, replicaPath: context.location.replicaPath)
        do {
            try app.serve(port: UInt16(port), openBrowser: openBrowser) { url in
                context.say(context.t("client.app.serving", ["url": url]))
                context.say(context.t("client.app.stop"))
            }
        } catch {
            throw CommandFailure(context.t("client.app.port_failed", ["port": String(port)]))
        }
        return .success
    }
}
