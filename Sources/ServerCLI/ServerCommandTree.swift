import ArgumentParsing
import Messages

/// The `forum-server` command tree: help, parsing and dispatch all come from it.
enum ServerCommandTree {
    static var root: CommandNode<ServerContext> { .group({ l in
        CommandSpec("forum-server", abstract: l["server.abstract"], discussion: l["server.discussion"], arguments: [
            .option("data", valueName: l["cli.value.directory"], global: true, help: l["server.option.data"]),
            .option("lang", valueName: Language.allCases.map(\.rawValue).joined(separator: "|"), global: true,
                    help: l["server.option.lang"]),
            .option("public-url", valueName: l["cli.value.url"], global: true, help: l["dashboard.cli.public_url"]),
        ])
    }, [
        .command(ServeCommand.self),
        .group({ l in CommandSpec("device", abstract: l["server.device.abstract"]) }, [
            .command(DeviceAddCommand.self),
            .command(DeviceListCommand.self),
            .command(DeviceRevokeCommand.self),
        ]),
        .group({ l in CommandSpec("conflicts", abstract: l["server.conflicts.abstract"], arguments: [json(l)]) },
               runs: ConflictsListCommand.self, [
            .command(ConflictsListCommand.self),
            .command(ConflictsShowCommand.self),
            .command(ConflictsResolveCommand.self),
        ]),
        .group({ l in CommandSpec("participant", abstract: l["server.participant.abstract"]) }, [
            .command(ParticipantEraseCommand.self),
        ]),
        .group({ l in CommandSpec("tombstones", abstract: l["server.tombstones.abstract"]) }, [
            .command(TombstonesPurgeCommand.self),
        ]),
        .command(AuditCommand.self),
        .group({ l in CommandSpec("admin", abstract: l["dashboard.cli.admin.abstract"]) }, [
            .command(LoginLinkCommand.self),
        ]),
        .command(BackupCommand.self),
        .command(RestoreCommand.self),
    ]) }

    /// `--json`, for the listings.
    static func json(_ l: Localizer) -> ArgumentSpec { .flag("json", help: l["server.option.json"]) }
}
