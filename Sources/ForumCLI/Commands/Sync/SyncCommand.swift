import ArgumentParsing
import FieldClient
import Foundation
import Messages
import SyncCore

/// `forum sync`: push local changes, pull the server's. On a terminal a progress bar;
/// otherwise one plain line per batch or page. Failures say plainly that nothing was lost.
struct SyncCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("sync", abstract: l["client.cmd.sync"], discussion: l["client.help.exit_codes"],
                    arguments: [SharedArguments.json(l)])
    }

    /// Width of the progress bar in characters.
    static let barWidth = 24

    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { json = arguments.flag("json") }

    func run(_ context: CommandContext) throws -> ExitCode {
        let profile = try context.profile()
        let replica = try context.replica()
        let transport: HTTPSyncTransport
        do {
            transport = try HTTPSyncTransport(baseURL: profile.serverURL, token: profile.token,
                                              configuration: context.configuration, caFile: profile.caFile)
        }
        catch { throw context.failure(error) }
        let engine = SyncEngine(replica: replica, transport: transport, configuration: context.configuration)
        let progress = ProgressPrinter(context: context, quiet: json)
        let summary: SyncSummary
        do {
            summary = try engine.sync(progress: progress.report)
        } catch {
            progress.finish()
            throw failure(error, context: context, replica: replica)
        }
        progress.finish()
        if json {
            context.printJSON(["ok": true, "sent": .integer(Int64(summary.sent)), "received": .integer(Int64(summary.received)),
                               "merged": .integer(Int64(summary.merged)), "conflicts": .integer(Int64(summary.conflicts)),
                               "refused": .array(summary.refused.map { ["collection": .string($0.collection), "id": .string($0.id),
                                                                         "code": .string($0.code)] })])
            return .success
        }
        context.say(context.t("client.sync.done", [
            "sent": String(summary.sent), "received": String(summary.received), "merged": String(summary.merged),
            "conflicts": String(summary.conflicts)]))
        if let resync = summary.resync, resync.removed + resync.kept > 0 {
            context.say(context.t("client.sync.resynced", ["removed": String(resync.removed), "kept": String(resync.kept)]))
        }
        for refused in summary.refused {
            context.say(context.refusedLine(refused))
        }
        if summary.conflicts > 0 { context.say(context.t("client.sync.see_conflicts")) }
        return .success
    }

    /// The message and exit code for a sync that did not complete.
    func failure(_ error: ClientError, context: CommandContext, replica: LocalReplica) -> CommandFailure {
        let pending = (try? replica.pendingCount()) ?? 0
        let args = ["count": String(pending)]
        if json {
            context.printJSON(["ok": false, "error": ["code": .string(error.code.rawValue)], "pending": .integer(Int64(pending))])
        }
        guard let text = error.syncText(pending: pending, context.language) else { return context.failure(error) }
        let exitCode: ExitCode = switch error.code {
        case .deviceRevoked: .deviceRevoked
        case .unauthorized: .failure
        default: .syncIncomplete
        }
        return CommandFailure(text, exitCode: exitCode)
    }
}
