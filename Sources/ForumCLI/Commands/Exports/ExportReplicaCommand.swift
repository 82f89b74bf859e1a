import ArgumentParsing
import FieldClient
import Messages

/// `forum export replica`: every record's canonical JSON (`--json` is accepted; the output is
/// JSON either way): what the end-to-end tests compare between replicas, and how a revoked
/// device's unsynced changes (`--pending`) are handed over.
struct ExportReplicaCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("replica", abstract: l["client.cmd.export_replica"], arguments: [
            SharedArguments.json(l), .flag("pending", help: l["client.help.pending"]),
        ])
    }

    /// Only the changes not yet synced.
    let pending: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { pending = arguments.flag("pending") }

    func run(_ context: CommandContext) throws -> ExitCode {
        let replica = try context.replica()
        do {
            let bytes = try replica.canonicalExport(pendingOnly: pending)
            try replica.noteExport(.replicaExport, subject: pending ? "pending" : "all")
            context.terminal.outBytes(bytes)
        } catch {
            throw context.failure(error)
        }
        return .success
    }
}
