import ArgumentParsing
import FieldClient
import Foundation
import SyncCore

/// `forum sync`: push local changes, pull the server's. On a terminal a progress bar;
/// otherwise one plain line per batch or page. Failures say plainly that nothing was lost.
enum SyncCommand {
    /// Width of the progress bar in characters.
    static let barWidth = 24

    static func run(_ context: CommandContext) throws {
        let profile = try context.profile()
        let replica = try context.replica()
        let transport: HTTPSyncTransport
        do {
            transport = try HTTPSyncTransport(baseURL: profile.serverURL, token: profile.token,
                                              configuration: context.configuration, caFile: profile.caFile)
        }
        catch { throw context.failure(error) }
        let engine = SyncEngine(replica: replica, transport: transport, configuration: context.configuration)
        let progress = ProgressPrinter(context: context)
        let summary: SyncSummary
        do {
            summary = try engine.sync(progress: progress.report)
        } catch {
            progress.finish()
            throw failure(error, context: context, replica: replica)
        }
        progress.finish()
        if context.json {
            context.printJSON(["ok": true, "sent": .integer(Int64(summary.sent)), "received": .integer(Int64(summary.received)),
                               "merged": .integer(Int64(summary.merged)), "conflicts": .integer(Int64(summary.conflicts)),
                               "refused": .array(summary.refused.map { ["collection": .string($0.collection), "id": .string($0.id),
                                                                         "code": .string($0.code)] })])
            return
        }
        context.say(context.t("client.sync.done", [
            "sent": String(summary.sent), "received": String(summary.received), "merged": String(summary.merged),
            "conflicts": String(summary.conflicts)]))
        if let resync = summary.resync, resync.removed + resync.kept > 0 {
            context.say(context.t("client.sync.resynced", ["removed": String(resync.removed), "kept": String(resync.kept)]))
        }
        for refused in summary.refused {
            context.say("  " + context.t("client.sync.refused_line", [
                "kind": context.t("client.collection.\(refused.collection)"), "id": RecordResolver.short(refused.id),
                "reason": DomainBridge.reason(code: refused.code, parameters: refused.parameters,
                                              serverMessage: refused.message, context.language)]))
        }
        if summary.conflicts > 0 { context.say(context.t("client.sync.see_conflicts")) }
    }

    /// The message and exit code for a sync that did not complete.
    static func failure(_ error: ClientError, context: CommandContext, replica: LocalReplica) -> CommandFailure {
        let pending = (try? replica.pendingCount()) ?? 0
        let args = ["count": String(pending)]
        if context.json {
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

/// Prints sync progress: a bar redrawn in place on a terminal, plain lines otherwise,
/// nothing with `--json` (standard output then holds only the JSON answer).
final class ProgressPrinter {
    let context: CommandContext
    private var drewBar = false
    /// Pull pages shown so far, for the moving block of the pull's bar.
    private var pages = 0

    init(context: CommandContext) { self.context = context }

    func report(_ progress: SyncProgress) {
        guard !context.json else { return }
        let line: String
        var fraction: Double?
        switch progress {
        case .pushed(let sent, let total):
            line = context.t("client.sync.progress_sent", ["sent": String(sent), "total": String(total)])
            fraction = total > 0 ? Double(sent) / Double(total) : 1
        case .receiving(let received, _):
            // On a terminal every page moves the bar; a plain line is written only once
            // pages are stored (`.pulled`), so each line says what a crash would keep.
            guard context.terminal.isInteractive else { return }
            line = context.t("client.sync.progress_received", ["received": String(received)])
        case .pulled(let received, _):
            guard !context.terminal.isInteractive else { return } // the bar showed each page
            line = context.t("client.sync.progress_received", ["received": String(received)])
        case .retrying(let attempt, let delay, _):
            line = context.t("client.sync.progress_retry", ["attempt": String(attempt + 1),
                                                            "seconds": String(format: "%.1f", delay)])
        }
        guard context.terminal.isInteractive else { context.say(line); return }
        let bar: String
        if let value = fraction {
            let filled = Int((value * Double(SyncCommand.barWidth)).rounded(.down))
            bar = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: SyncCommand.barWidth - filled) + "] "
        } else if case .receiving = progress {
            // The server does not say how much a pull will bring: a block that moves one
            // step per page shows that pages keep arriving.
            let width = SyncCommand.barWidth, block = 4
            let start = pages % (width - block + 1)
            pages += 1
            bar = "[" + String(repeating: " ", count: start) + String(repeating: "#", count: block)
                + String(repeating: " ", count: width - block - start) + "] "
        } else {
            bar = ""
        }
        context.terminal.out("\r\u{1B}[2K" + bar + line)
        drewBar = true
    }

    func finish() {
        if drewBar { context.terminal.out("\n") }
        drewBar = false
    }
}
