import ArgumentParsing
import ForumModel
import Foundation
import Messages
import SyncServer

/// `forum-server device add`: enrols a device and prints its one-time code.
struct DeviceAddCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("add", abstract: l["server.device.add.abstract"], arguments: [
            .option("name", valueName: l["cli.value.name"], help: l["server.device.add.name"]),
            .option("role", valueName: Role.allCases.map(\.rawValue).joined(separator: "|"),
                    help: roleHelp(l)),
            .option("municipality", valueName: l["cli.value.municipality"], repeatable: true,
                    help: l["server.device.add.municipality"]),
        ])
    }

    /// The roles a device may have, from the model (`Role`), as `--role`'s help says them.
    static func roleHelp(_ l: Localizer) -> String {
        l["server.device.add.role", ["roles": ChoiceList.either(Role.allCases, l)]]
    }

    let name: String
    let role: Role
    let municipalities: [String]

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        guard let name = arguments.string("name") else { throw arguments.invalidValue("name", reason: l["server.device.add.name"]) }
        guard let role = try arguments.choice("role", of: Role.allCases) else { throw arguments.invalidValue("role", reason: Self.roleHelp(l)) }
        self.name = name
        self.role = role
        self.municipalities = arguments.strings("municipality")
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let added = try context.openDatabase(creating: true).deviceRegistry.addDevice(name: name, role: role.rawValue, municipalities: municipalities)
        let expires = StockholmTime.format(Date(timeIntervalSince1970: Double(added.expires) / 1000), language: context.localizer.language)
        context.say(context.localizer["server.device.add.done", ["id": added.device.id, "code": added.code, "expires": expires]])
        return .success
    }
}

/// `forum-server device list`: every device with its state and last contact.
struct DeviceListCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("list", abstract: l["server.device.list.abstract"], arguments: [ServerCommandTree.json(l)])
    }

    let json: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) { json = arguments.flag("json") }

    func run(_ context: ServerContext) throws -> ExitCode {
        let devices = try context.openDatabase().deviceRegistry.devices()
        context.say(json ? AdminText.devicesJSON(devices) : AdminText.devices(devices, context.localizer))
        return .success
    }
}

/// `forum-server device revoke`: refuses the device from now on, and optionally tells it to
/// wipe its replica at its next contact.
struct DeviceRevokeCommand: Command {
    static func spec(_ l: Localizer) -> CommandSpec {
        CommandSpec("revoke", abstract: l["server.device.revoke.abstract"], discussion: l["server.device.revoke.discussion"],
                    arguments: [
            .positional("id", valueName: l["cli.value.id"], help: l["server.device.revoke.id"]),
            .flag("wipe", help: l["server.device.revoke.wipe"]),
        ])
    }

    let id: String
    let wipe: Bool

    init(_ arguments: ParsedArguments, _ l: Localizer) throws(UsageError) {
        id = arguments.string("id") ?? ""
        wipe = arguments.flag("wipe")
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let database = try context.openDatabase()
        let device = try database.deviceRegistry.deviceID(matching: id)
        try database.deviceRegistry.revokeDevice(id: device, wipe: wipe)
        context.say(context.localizer[wipe ? "server.device.revoke.done_wipe" : "server.device.revoke.done", ["id": device]])
        return .success
    }
}
