import ArgumentParsing
import Foundation
import Messages
@testable import ServerCLI

/// Runs `forum-server` in process: the same library the executable calls, with its output kept.
struct ServerCLIRunner {
    /// What one command line printed and returned.
    struct Outcome {
        let out: String
        let err: String
        let status: Int32
    }

    /// The environment every run gets; `LANG` picks the language.
    var environment: [String: String] = ["LANG": "C"]

    func run(_ arguments: [String], lang: String? = nil) -> Outcome {
        let terminal = BufferTerminal()
        var environment = self.environment
        if let lang { environment["LANG"] = lang }
        let status = ServerCLI.run(arguments: arguments, environment: environment, terminal: terminal)
        return Outcome(out: terminal.text, err: terminal.error, status: status)
    }

    /// Every path at which a command runs, e.g. `["device", "add"]`, in help order.
    static var runnablePaths: [[String]] {
        ServerCommandTree.root.runnablePaths(Localizer(language: .en))
    }

    /// Every node of the tree, runnable or not (`[]` is the program itself).
    static var allPaths: [[String]] {
        var paths: [[String]] = []
        func walk(_ spec: CommandSpec, _ path: [String]) {
            paths.append(path)
            for sub in spec.subcommands { walk(sub, path + [sub.name]) }
        }
        walk(ServerCommandTree.root.commandSpec(Localizer(language: .en)), [])
        return paths
    }
}
