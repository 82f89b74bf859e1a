import FieldClient
import Foundation
import SyncCore

/// Prints sync progress: a bar redrawn in place on a terminal, plain lines otherwise,
/// nothing with `--json` (standard output then holds only the JSON answer).
final class ProgressPrinter {
    let context: CommandContext
    /// `--json`: nothing is printed.
    let quiet: Bool
    private var drewBar = false
    /// Pull pages shown so far, for the moving block of the pull's bar.
    private var pages = 0

    init(context: CommandContext, quiet: Bool) {
        self.context = context
        self.quiet = quiet
    }

    func report(_ progress: SyncProgress) {
        guard !quiet else { return }
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
