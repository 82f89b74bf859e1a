import ArgumentParsing
import Messages
@testable import ForumCLI

/// The `forum` command tree as the tests walk it: every command and group, taken from the
/// tree the program parses with, so a new command is tested without being listed here.
enum ForumCommandPaths {
    /// The program's spec, help texts in English (names do not depend on the language).
    static var spec: CommandSpec { ForumCommandTree.root.commandSpec(Localizer(language: .en)) }

    /// Every node of the tree, runnable or not (`[]` is the program itself), in help order.
    static var all: [[String]] { walk(spec, []).map(\.path) }

    /// Every path at which a command runs, e.g. `["forum", "add"]`, in help order.
    static var runnable: [[String]] { walk(spec, []).filter { $0.spec.isRunnable }.map(\.path) }

    /// The spec at `path`.
    static func spec(at path: [String]) -> CommandSpec? {
        walk(spec, []).first { $0.path == path }?.spec
    }

    private static func walk(_ spec: CommandSpec, _ path: [String]) -> [(path: [String], spec: CommandSpec)] {
        [(path, spec)] + spec.subcommands.flatMap { walk($0, path + [$0.name]) }
    }
}

/// Runs `forum` in process without a data directory of its own: for help and usage errors.
struct ForumCLIRunner {
    struct Outcome {
        let out: String
        let err: String
        let status: Int32
    }

    func run(_ arguments: [String], lang: String = "C", environment: [String: String] = [:]) -> Outcome {
        let terminal = BufferTerminal()
        let status = ForumCLI.run(arguments: arguments, environment: environment.merging(["LANG": lang]) { $1 },
                                  terminal: terminal)
        return Outcome(out: terminal.text, err: terminal.error, status: status)
    }
}
