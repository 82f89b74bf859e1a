import ArgumentParsing
import Messages

/// The command tree of `forum-server`, with help texts in the chosen language.
enum ServerCommands {
    static func root(_ l: Localizer) -> CommandSpec {
        let data = ArgumentSpec.option("data", valueName: "dir", global: true, help: l["server.option.data"])
        let lang = ArgumentSpec.option("lang", valueName: "sv|en", global: true, help: l["server.option.lang"])
        let json = ArgumentSpec.flag("json", help: l["server.option.json"])
        let publicURL = ArgumentSpec.option("public-url", valueName: "url", global: true, help: l["dashboard.cli.public_url"])
        let admin = CommandSpec("admin", abstract: l["dashboard.cli.admin.abstract"], subcommands: [
            CommandSpec("login-link", abstract: l["dashboard.cli.login_link.abstract"],
                        discussion: l["dashboard.cli.login_link.discussion"]),
        ])
        let serve = CommandSpec("serve", abstract: l["server.serve.abstract"], arguments: [
            .option("host", help: l["server.serve.host"]),
            .option("port", help: l["server.serve.port"]),
            .option("max-connections", valueName: "n", help: l["server.serve.max_connections"]),
            .option("max-connections-per-address", valueName: "n", help: l["server.serve.max_connections_per_address"]),
            .option("group-commit", valueName: "on|off", help: l["server.serve.group_commit"]),
            .option("laptop-retention-days", valueName: "days", help: l["server.serve.laptop_retention_days"]),
            .option("tombstone-horizon-days", valueName: "days", help: l["server.serve.tombstone_horizon_days"]),
            .option("trusted-proxy", valueName: "address", repeatable: true, help: l["server.serve.trusted_proxy"]),
            .option("metrics-port", valueName: "port", help: l["server.serve.metrics_port"]),
            .option("metrics-host", valueName: "address", help: l["server.serve.metrics_host"]),
            .option("metrics-token-file", valueName: "file", help: l["server.serve.metrics_token_file"]),
        ])
        let device = CommandSpec("device", abstract: l["server.device.abstract"], subcommands: [
            CommandSpec("add", abstract: l["server.device.add.abstract"], arguments: [
                .option("name", help: l["server.device.add.name"]),
                .option("role", valueName: "facilitator|coordinator|admin", help: l["server.device.add.role"]),
                .option("municipality", repeatable: true, help: l["server.device.add.municipality"]),
            ]),
            CommandSpec("list", abstract: l["server.device.list.abstract"], arguments: [json]),
            CommandSpec("revoke", abstract: l["server.device.revoke.abstract"], discussion: l["server.device.revoke.discussion"],
                        arguments: [
                .positional("id", help: l["server.device.revoke.id"]),
                .flag("wipe", help: l["server.device.revoke.wipe"]),
            ]),
        ])
        let conflicts = CommandSpec("conflicts", abstract: l["server.conflicts.abstract"], arguments: [json], subcommands: [
            CommandSpec("list", abstract: l["server.conflicts.list.abstract"], arguments: [json]),
            CommandSpec("show", abstract: l["server.conflicts.show.abstract"], arguments: [
                .positional("id", help: l["server.conflicts.id"]), json,
            ]),
            CommandSpec("resolve", abstract: l["server.conflicts.resolve.abstract"], arguments: [
                .positional("id", help: l["server.conflicts.id"]),
                .option("field", help: l["server.conflicts.field"]),
                .option("keep", valueName: "value-id", help: l["server.conflicts.keep"]),
                .option("value", valueName: "value", help: l["server.conflicts.value"]),
            ]),
        ], isRunnable: true)
        let backup = CommandSpec("backup", abstract: l["server.backup.abstract"], discussion: l["server.backup.discussion"],
                                 arguments: [.option("to", valueName: "file", help: l["server.backup.to"])])
        let participant = CommandSpec("participant", abstract: l["server.participant.abstract"], subcommands: [
            CommandSpec("erase", abstract: l["server.participant.erase.abstract"], discussion: l["server.participant.erase.discussion"],
                        arguments: [.positional("id", help: l["server.participant.erase.id"])]),
        ])
        let tombstones = CommandSpec("tombstones", abstract: l["server.tombstones.abstract"], subcommands: [
            CommandSpec("purge", abstract: l["server.tombstones.purge.abstract"], discussion: l["server.tombstones.purge.discussion"],
                        arguments: [.option("horizon-days", valueName: "days", help: l["server.tombstones.purge.horizon_days"])]),
        ])
        let audit = CommandSpec("audit", abstract: l["server.audit.abstract"], arguments: [json])
        let restore = CommandSpec("restore", abstract: l["server.restore.abstract"], discussion: l["server.restore.discussion"],
                                  arguments: [.positional("from", help: l["server.restore.from"])])
        return CommandSpec("forum-server", abstract: l["server.abstract"], discussion: l["server.discussion"],
                           arguments: [data, lang, publicURL], subcommands: [serve, device, conflicts, participant, tombstones, audit, admin, backup, restore])
    }
}
